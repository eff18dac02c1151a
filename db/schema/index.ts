// The drizzle schema, split by domain. drizzle-kit reads this file to generate migrations.
export * from "./units";
export * from "./auth";
export * from "./pool";
export * from "./ledger";
export * from "./matters";
export * from "./ballots";
export * from "./hearings";
export * from "./councils";
export * from "./admin";
export * from "./draws";
export * from "./portal";

import { defineConfig } from "drizzle-kit";

// The PostgreSQL dialect (decision 044): `npm run db:generate:pg` writes db/migrations-pg from
// db/schema-pg, as `npm run db:generate` writes db/migrations from db/schema. Both are committed.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema-pg/index.ts",
  out: "./db/migrations-pg",
});

import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import path from "node:path";
import type { Db } from "./connection";
import { projectRoot } from "../server/paths";

/** Applies the committed drizzle-kit migrations; called before the server listens. */
export function runMigrations(db: Db): void {
  migrate(db, { migrationsFolder: path.join(projectRoot, "db/migrations") });
}

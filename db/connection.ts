import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * Opens the embedded SQLite database with the pragmas every connection needs.
 *
 * synchronous=FULL: in WAL mode this fsyncs the WAL on every commit, so a vote that was
 * acknowledged after its transaction committed survives not only a killed process but a
 * power cut. NORMAL would survive only the former. See docs/decisions/004-durable-exactly-once-votes.md.
 */
export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return drizzle(sqlite, { schema }) as Db;
}

export function closeDatabase(db: Db): void {
  if (!db.$client.open) return;
  // Fold the WAL back into the main file so a clean shutdown leaves one self-contained file.
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
}

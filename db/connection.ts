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
  // Readable by the service's user only (issue 12): the data directory, the database and, because
  // SQLite gives its -wal and -shm files the database's mode, those too. Existing installs are fixed here.
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  restrictToOwner(path.dirname(file), 0o700);
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, "a", 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) restrictToOwner(f, 0o600);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // Deleted content is overwritten with zeros, not left in free space for a copy of the file to show:
  // a secret ballot's old layout (server/ballots/secret-at-rest.ts), an anonymised name, a deleted draft.
  sqlite.pragma("secure_delete = ON");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return drizzle(sqlite, { schema }) as Db;
}

function restrictToOwner(p: string, mode: number): void {
  if ((fs.statSync(p).mode & 0o777) !== mode) fs.chmodSync(p, mode);
}

export function closeDatabase(db: Db): void {
  if (!db.$client.open) return;
  // Fold the WAL back into the main file so a clean shutdown leaves one self-contained file.
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
}

/**
 * PIPL deletion on request (docs/privacy.md): removes a representative's personal data from the pool.
 *   npm run anonymise -- <representativeId>
 * Uses the same data directory as the server (DATA_DIR). Safe while the server runs (SQLite waits for
 * its lock); the representative's login ends at their next request or socket command.
 */
import { closeDatabase, openDatabase } from "../db/connection";
import { runMigrations } from "../db/migrate";
import { systemClock } from "../server/clock";
import { loadEnv } from "../server/env";
import { isDomainError } from "../server/errors";
import { anonymiseRepresentative } from "../server/privacy/anonymise";

const id = Number(process.argv[2]);
if (!Number.isInteger(id) || id <= 0) {
  process.stderr.write("usage: npm run anonymise -- <representativeId>\n");
  process.exit(2);
}
process.umask(0o077);
const db = openDatabase(loadEnv().databaseFile);
try {
  runMigrations(db);
  const done = anonymiseRepresentative(db, systemClock, id);
  process.stdout.write(`representative ${done.representativeId} anonymised at ${done.anonymisedAt.toISOString()}\n`);
} catch (err) {
  process.stderr.write(isDomainError(err) ? `${err.code}\n` : `${String(err)}\n`);
  process.exitCode = 1;
} finally {
  closeDatabase(db);
}

import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { secretVotes } from "../../db/schema";

/**
 * A closed secret ballot, at rest (decision 004 §3, issue 12).
 *
 * Inside a SQLite page the records of `secret_votes` are sorted by key in the page's pointer array, but
 * their bytes sit where they were written: each new record below the previous one. A copy of the file
 * therefore gives the choices in the order of casting, and the public record's `vote_recorded` entries
 * give the voters in the same order. Joined, they are the secret.
 *
 * At closing, inside the closing transaction, every record of the ballot is deleted and written again in
 * receipt order. `secure_delete` (on for every connection, db/connection.ts) overwrites the deleted bytes
 * with zeros, so the only copy left is laid out by receipt — a random value that is public anyway.
 */
export function rewriteInReceiptOrder(db: Db, ballotId: number): void {
  const rows = db
    .select({ receipt: secretVotes.receipt, optionId: secretVotes.optionId })
    .from(secretVotes)
    .where(eq(secretVotes.ballotId, ballotId))
    .orderBy(asc(secretVotes.receipt))
    .all();
  if (rows.length === 0) return;
  db.delete(secretVotes).where(eq(secretVotes.ballotId, ballotId)).run();
  for (const r of rows) db.insert(secretVotes).values({ ballotId, receipt: r.receipt, optionId: r.optionId }).run();
}

/**
 * After the closing transaction has committed: the WAL still holds one copy of the page per vote, in
 * commit order. A TRUNCATE checkpoint copies the final pages into the main file and cuts the WAL to zero
 * bytes. It completes because this process holds the only connection; if it could not (busy), the
 * frames would stay until the next checkpoint, so that case is logged by the caller.
 */
export function foldAndTruncateWal(db: Db): { complete: boolean } {
  const [res] = db.$client.pragma("wal_checkpoint(TRUNCATE)") as { busy: number; log: number; checkpointed: number }[];
  return { complete: res ? res.busy === 0 && res.log === res.checkpointed : true };
}

import { createHash } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { preparedQuery } from "../../db/prepared";
import type { Db } from "../../db/connection";
import { ledgerEntries, type LedgerScope } from "../../db/schema";
import type { Clock } from "../clock";
import { keyedCommitment } from "../privacy/commitment";
import { entryPreimage, GENESIS_HASH, LOG_FORMAT_VERSION, type ChainEntry, type LogRecord } from "./chain";

export const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

export type Actor = { kind: "mediator" | "party" | "juror" | "representative" | "supervisor" | "system" | "public"; id?: string | number; name?: string };

export type LedgerService = ReturnType<typeof createLedgerService>;

/**
 * Appends to and reads the hash-chained record of a hearing or council.
 * `append` must be called inside the transaction of the change it records (it is synchronous),
 * so an acknowledged change and its record entry are committed together or not at all.
 */
/** The last entry of a scope's chain, read on every append (every vote): prepared once (issue 16). */
const chainHead = preparedQuery((db) =>
  db
    .select({ seq: ledgerEntries.seq, hash: ledgerEntries.hash })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.scope, sql.placeholder("scope")), eq(ledgerEntries.scopeId, sql.placeholder("scopeId"))))
    .orderBy(desc(ledgerEntries.seq))
    .limit(1)
    .prepare(),
);

export function createLedgerService(db: Db, clock: Clock, opts: { commitmentKey?: string } = {}) {
  return {
    /**
     * What the public record carries in place of a private text (deliberation, a follow-up comment, a
     * panel-only exhibit's title or opinion): a keyed commitment, never a plain hash (decision 008).
     */
    commitment(scope: LedgerScope, scopeId: number, purpose: string, text: string): string {
      if (!opts.commitmentKey) throw new Error("ledger built without a commitment key");
      return keyedCommitment(opts.commitmentKey, { scope, scopeId, purpose }, text);
    },


    append(scope: LedgerScope, scopeId: number, type: string, actor: Actor, payload: Record<string, unknown>): ChainEntry {
      const last = chainHead(db).get({ scope, scopeId });
      const at = clock.now();
      const base = { seq: (last?.seq ?? 0) + 1, type, actor: { ...actor }, payload, at: at.toISOString(), prevHash: last?.hash ?? GENESIS_HASH };
      // Round-trip through JSON so the hashed payload is exactly what is stored and later published.
      const stored = JSON.parse(JSON.stringify(base)) as Omit<ChainEntry, "hash">;
      const hash = sha256Hex(entryPreimage(scope, scopeId, stored));
      db.insert(ledgerEntries)
        .values({ scope, scopeId, seq: stored.seq, type, actor: stored.actor, payload: stored.payload, at, prevHash: stored.prevHash, hash })
        .run();
      return { ...stored, hash };
    },

    record(scope: LedgerScope, scopeId: number): LogRecord {
      const rows = db
        .select()
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.scope, scope), eq(ledgerEntries.scopeId, scopeId)))
        .orderBy(asc(ledgerEntries.seq))
        .all();
      return {
        kind: "log",
        version: LOG_FORMAT_VERSION,
        scope,
        scopeId,
        entries: rows.map((r) => ({ seq: r.seq, type: r.type, actor: r.actor, payload: r.payload, at: r.at.toISOString(), prevHash: r.prevHash, hash: r.hash })),
      };
    },
  };
}

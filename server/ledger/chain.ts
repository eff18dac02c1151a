import { canonicalJson } from "./canonical-json";
import { fail, failed, type VerifyFailure } from "../verify/failures";

/**
 * The hash chain shared by the server (which appends), the CLI verifier and the browser.
 * An entry's hash is SHA-256 over the canonical JSON of everything in it plus the previous hash.
 * The hash function is passed in: node:crypto on the server (synchronous, inside the transaction),
 * Web Crypto in the browser.
 */
export const GENESIS_HASH = "0".repeat(64);
export const LOG_FORMAT_VERSION = 1;

export type ChainEntry = {
  seq: number;
  type: string;
  actor: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** ISO 8601 with milliseconds, UTC. */
  at: string;
  prevHash: string;
  hash: string;
};

/** A published record: `npm run verify -- record.json` checks it. */
export type LogRecord = {
  kind: "log";
  version: number;
  scope: string;
  scopeId: number;
  entries: ChainEntry[];
};

export function entryPreimage(scope: string, scopeId: number, e: Omit<ChainEntry, "hash">): string {
  return canonicalJson({ v: LOG_FORMAT_VERSION, scope, scopeId, seq: e.seq, type: e.type, actor: e.actor, payload: e.payload, at: e.at, prevHash: e.prevHash });
}

/** Checks every link; reports the first broken entry. */
export async function verifyLogRecord(
  record: LogRecord,
  sha256Hex: (text: string) => Promise<string> | string,
): Promise<{ ok: true; entries: number; head: string } | { ok: false; seq: number; error: string; failure: VerifyFailure }> {
  let prev = GENESIS_HASH;
  for (let i = 0; i < record.entries.length; i++) {
    const e = record.entries[i];
    if (e.seq !== i + 1) return { seq: e.seq, ...failed(fail("log_seq", { entry: i + 1, found: e.seq })) };
    if (e.prevHash !== prev) return { seq: e.seq, ...failed(fail("log_prev_hash", { seq: e.seq, previous: e.seq - 1 })) };
    const expected = await sha256Hex(entryPreimage(record.scope, record.scopeId, e));
    if (expected !== e.hash) return { seq: e.seq, ...failed(fail("log_hash", { seq: e.seq, type: e.type })) };
    prev = e.hash;
  }
  return { ok: true, entries: record.entries.length, head: prev };
}

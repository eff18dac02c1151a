import type { CastResult } from "../../server/ballots/protocol";
import type { AckResult } from "../../server/live/protocol";

/**
 * What a phone keeps per ballot in localStorage (decision 004 §2). `key` and `optionId` are the
 * submission in flight or last acknowledged; `receipt` is set once acknowledged. `previous` is the
 * acknowledged vote a deliberate change is replacing: kept until the change is acknowledged, so a
 * refused change never costs the voter their receipt.
 */
export type StoredVote = {
  key: string;
  optionId: string;
  receipt?: string;
  previous?: { key: string; optionId: string; receipt: string };
};

/** What the phone sends when the voter taps an option. */
export function submissionFor(stored: StoredVote | null, optionId: string, newKey: () => string): StoredVote {
  // Not acknowledged yet (a timeout, a dropped connection): the first submission may have landed, so
  // the same key and choice go again. A new key here could be counted as a second vote or a change.
  if (stored && !stored.receipt) return stored;
  // Acknowledged: tapping again is a deliberate change, with a new key; the old receipt stays until then.
  if (stored?.receipt) return { key: newKey(), optionId, previous: { key: stored.key, optionId: stored.optionId, receipt: stored.receipt } };
  return { key: newKey(), optionId };
}

export type Outcome =
  /** Store this and stop. `null` forgets the entry (a refused vote that held no receipt). */
  | { kind: "store"; stored: StoredVote | null; error?: { code: string; details?: Record<string, unknown> } }
  /** Send this again (a key another voter holds: only a fresh key can go through). */
  | { kind: "resend"; stored: StoredVote };

/** How the phone takes the server's answer to a submission. Never drops a receipt it holds. */
export function afterAnswer(entry: StoredVote, res: AckResult<CastResult>, newKey: () => string): Outcome {
  if (res.ok) {
    // A superseded key (a late retry of an earlier choice): the answer is the current vote.
    if (res.data.superseded) return { kind: "store", stored: { key: entry.key, optionId: res.data.optionId ?? entry.optionId, receipt: res.data.receipt } };
    return { kind: "store", stored: { key: entry.key, optionId: entry.optionId, receipt: res.data.receipt } };
  }
  const error = res.error;
  // Unknown whether it landed: keep the key, resend it later (on reconnect, on the next tap).
  if (error.code === "timeout" || error.code === "rate_limited") return { kind: "store", stored: entry, error };
  if (error.code === "key_conflict") return { kind: "resend", stored: { ...entry, key: newKey() } };
  if (error.code === "already_voted") {
    // An open ballot tells the voter their existing vote; show that receipt.
    const receipt = typeof error.details?.receipt === "string" ? error.details.receipt : undefined;
    const optionId = typeof error.details?.optionId === "string" ? error.details.optionId : undefined;
    if (receipt) return { kind: "store", stored: { key: entry.key, optionId: optionId ?? entry.optionId, receipt }, error };
  }
  // Refused for good (closed, not eligible, already voted elsewhere…): back to the acknowledged vote, if any.
  if (entry.previous) return { kind: "store", stored: { ...entry.previous }, error };
  return { kind: "store", stored: null, error };
}

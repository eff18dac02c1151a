import { createHash } from "node:crypto";

/** A client submission key: 128 random bits, lower-case hex, generated and kept by the voter's device. */
export const SUBMISSION_KEY_PATTERN = /^[0-9a-f]{32}$/;

/** Hex characters of the receipt: 64 bits. See docs/decisions/004-durable-exactly-once-votes.md. */
export const RECEIPT_LENGTH = 16;

/**
 * The voter's receipt (回执码) for a submission: the first 64 bits of SHA-256("receipt:v1|ballotId|key").
 *
 * Derived, not stored with the voter, so that for a secret ballot the server can recognise a
 * resubmission of the same key (the secret_votes row with this receipt exists) without ever writing
 * down which voter holds which receipt. Only the device that generated the key can produce it.
 * 64 bits keep it short enough to compare by eye on the published list (shown as 4 groups of 4);
 * two honest receipts in a ballot of 1,000 voters collide with probability about 3·10⁻¹⁴.
 */
export function receiptFor(ballotId: number, key: string): string {
  return createHash("sha256").update(`receipt:v1|${ballotId}|${key}`, "utf8").digest("hex").slice(0, RECEIPT_LENGTH);
}

/**
 * Commit–reveal seed (isomorphic). Before the draw the office publishes commitment(secret); the
 * parties then add contributions; afterwards the secret is revealed and
 *
 *   seed = SHA-256( canonicalJson({ algorithmVersion, contributions, k, quotas, secret, snapshotHash }) )
 *
 * Nobody can steer the seed: the office is bound by its commitment before it sees the
 * contributions, and a party cannot predict the secret.
 *
 * Canonical JSON: objects with keys sorted by code unit, arrays in their given order, no
 * whitespace, strings and numbers as JSON.stringify writes them, hashed as UTF-8. Contributions
 * and quotas enter in the order the record lists them.
 */
import { bytesToHex, hexToBytes, sha256Hex } from "./hash";
import { canonicalJson } from "../ledger/canonical-json";

// One canonical encoding for everything the project hashes: the draw's seed and snapshot, the ledger's entries.
export { canonicalJson };
import type { Contribution, PoolMember, Quota } from "./types";

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** 32 fresh random bytes as lowercase hex. */
export function newSecret(): string {
  return bytesToHex(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}

/** SHA-256 of the secret's 32 raw bytes (not of its hex text). */
export function commitment(secretHex: string): Promise<string> {
  return sha256Hex(hexToBytes(secretHex));
}

/** Members sorted by id (code-unit order): the canonical order of a frozen pool. */
export function canonicalMembers(members: PoolMember[]): PoolMember[] {
  return [...members]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((m) => ({ id: m.id, features: { ...m.features } }));
}

/** Fingerprint of the eligible pool, so nobody can add or drop residents after the commitment. */
export function snapshotHash(members: PoolMember[]): Promise<string> {
  return sha256Hex(canonicalJson(canonicalMembers(members).map((m) => ({ id: m.id, features: m.features }))));
}

export interface SeedInput {
  snapshotHash: string;
  quotas: Quota[];
  k: number;
  contributions: Contribution[];
  secret: string;
  algorithmVersion: string;
}

export function computeSeed(input: SeedInput): Promise<string> {
  return sha256Hex(
    canonicalJson({
      algorithmVersion: input.algorithmVersion,
      contributions: input.contributions.map((c) => ({ by: c.by, value: c.value })),
      k: input.k,
      quotas: input.quotas.map((q) => ({ category: q.category, feature: q.feature, min: q.min, max: q.max })),
      secret: input.secret,
      snapshotHash: input.snapshotHash,
    }),
  );
}

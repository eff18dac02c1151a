/**
 * The published draw record: everything needed to re-check a draw without trusting the server.
 * It is plain JSON, validated with zod on both sides (the app writing it, the verifier reading it).
 */
import { z } from "zod";

/**
 * Bump when anything that changes a draw's outcome for the same inputs changes: the seed encoding,
 * the ticket hashing, the lottery rounding, the alternates order, the replacement rule or the
 * record's meaning. Verifiers refuse versions they do not implement.
 */
export const ALGORITHM_VERSION = "1";
export const ALGORITHM = { name: "leximin", version: ALGORITHM_VERSION } as const;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, "expected 64 lowercase hex digits");
const count = z.number().int().nonnegative();
const id = z.string().min(1);

export const poolMemberSchema = z.object({ id, features: z.record(z.string()) });

export const quotaSchema = z.object({ category: z.string().min(1), feature: z.string().min(1), min: count, max: count });

export const drawRecordSchema = z.object({
  kind: z.literal("draw"),
  algorithm: z.object({ name: z.literal("leximin"), version: z.string() }),
  /** The eligible pool (exclusions already removed), sorted by id, and its snapshotHash. */
  snapshot: z.object({ members: z.array(poolMemberSchema), hash: hex64 }),
  /** Residents removed before the snapshot; their reasons are public, their features are not. */
  exclusions: z.array(z.object({ id, reason: z.string() })),
  quotas: z.array(quotaSchema),
  k: z.number().int().positive(),
  /** How many alternates are summoned to stand by; `alternates` lists the full order regardless. */
  alternatesCount: count,
  /** SHA-256 of the secret's bytes, published before any contribution was accepted. */
  commitment: hex64,
  contributions: z.array(z.object({ by: z.string().min(1), value: z.string() })),
  secret: hex64,
  seed: hex64,
  /** The rounded LEXIMIN distribution: panels[i] is printed on counts[i] of the M tickets. */
  lottery: z.object({
    M: z.number().int().positive(),
    panels: z.array(z.array(id)),
    counts: z.array(z.number().int().positive()),
  }),
  /** Each snapshot member's exact chance under the lottery (their tickets / M). */
  probabilities: z.record(z.number().min(0).max(1)),
  /** The drawn ticket, in [0, M). */
  panelIndex: count,
  /** The panel on that ticket, sorted; challenges below modify it in order. */
  panel: z.array(id),
  alternates: z.array(id),
  challenges: z.array(z.object({ by: z.string().min(1), juror: id, reason: z.string(), replacement: id })),
});

export type DrawRecord = z.infer<typeof drawRecordSchema>;

/**
 * The published draw record, protocol v2 (docs/draw-spec.md): everything needed to re-check a draw
 * without trusting the server. Plain JSON, validated with zod on both sides (the app writing it,
 * the verifiers reading it).
 */
import { z } from "zod";
import { PROTOCOL_VERSION, SOLVER_VERSION } from "./protocol";

/**
 * Bump when anything that changes a draw's outcome for the same inputs changes: the seed encoding,
 * the ticket hashing, the lottery rounding or order, the alternates order, the replacement rule or
 * the record's meaning. Verifiers refuse versions they do not implement.
 */
export const ALGORITHM_VERSION = PROTOCOL_VERSION;
export const ALGORITHM = { name: "leximin", version: ALGORITHM_VERSION, solver: SOLVER_VERSION } as const;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, "expected 64 lowercase hex digits");
const count = z.number().int().nonnegative();
const id = z.string().min(1);

export const poolMemberSchema = z.object({ id, features: z.record(z.string()) });
export const quotaSchema = z.object({ category: z.string().min(1), feature: z.string().min(1), min: count, max: count });
export const externalSourceSchema = z.object({
  source: z.string().trim().min(2).max(120),
  digits: z.number().int().min(1).max(32),
  alphabet: z.enum(["0-9", "1-6"]),
});

export const openingCoreSchema = z.object({
  protocol: z.string(),
  scope: z.string().min(1),
  number: z.number().int().positive(),
  supersedes: hex64.nullable(),
  algorithm: z.object({ name: z.literal("leximin"), version: z.string(), solver: z.string() }),
  snapshotHash: hex64,
  members: count,
  exclusionsHash: hex64,
  quotas: z.array(quotaSchema),
  k: z.number().int().positive(),
  alternatesCount: count,
  lotteryHash: hex64,
  commitment: hex64,
  contributors: z.array(z.string().min(1)),
  external: externalSourceSchema.nullable(),
  nonReveal: z.literal("commitment-as-value"),
  revealSeconds: z.number().int().positive(),
});

export const lotterySchema = z.object({
  M: z.number().int().positive(),
  panels: z.array(z.array(id)),
  counts: z.array(z.number().int().positive()),
});

const finite = z.number().finite();
export const certificateSchema = z.object({
  rounds: z.array(
    z.object({
      level: finite.min(0).max(1),
      fixed: z.array(id).min(1),
      weights: z.record(finite.min(0)),
      alpha: finite,
      quotaDuals: z.array(finite),
    }),
  ),
});

export const drawRecordSchema = z.object({
  kind: z.literal("draw"),
  version: z.literal(PROTOCOL_VERSION),
  /** The committed opening; its hash is in the log's draw_opened entry, on the parties' receipts and in the seed. */
  opening: openingCoreSchema,
  openingHash: hex64,
  /** Earlier openings of the same hearing that this one superseded, oldest first. */
  priorOpenings: z.array(z.object({ number: z.number().int().positive(), openingHash: hex64, reason: z.string() })),
  /** The eligible pool (exclusions removed), sorted by id; ids are pseudonyms keyed per opening. */
  snapshot: z.array(poolMemberSchema),
  /** Residents removed before the snapshot, sorted by id, with a reason category only. */
  exclusions: z.array(z.object({ id, reason: z.string().min(1) })),
  /** The rounded LEXIMIN distribution in canonical order: panels[i] is printed on counts[i] of the M tickets. */
  lottery: lotterySchema,
  /** Each snapshot member's exact chance under the lottery (their tickets / M). */
  probabilities: z.record(z.number().min(0).max(1)),
  /** One per contributor, in opening.contributors order. */
  commitments: z.array(z.object({ by: z.string().min(1), commitment: hex64 })),
  /** One per contributor: the value and salt, or nulls when the party did not reveal in time. */
  reveals: z.array(z.object({ by: z.string().min(1), value: z.string().nullable(), salt: hex64.nullable() })),
  /** The external value in canonical form, when opening.external named one. */
  external: z.string().nullable(),
  secret: hex64,
  seed: hex64,
  /** The drawn ticket, in [0, M). */
  ticket: count,
  /** The panel on that ticket, sorted; challenges below modify it in order. */
  panel: z.array(id),
  /** Every non-panel snapshot member in the seed's order; the first alternatesCount stand by. */
  alternates: z.array(id),
  challenges: z.array(z.object({ by: z.string().min(1), juror: id, reason: z.string(), replacement: id })),
  /** LP dual certificate that the lottery is LEXIMIN-optimal, checked without a solver (docs/draw-spec.md). */
  certificate: certificateSchema.optional(),
});

export type DrawRecord = z.infer<typeof drawRecordSchema>;
export type OpeningCore = z.infer<typeof openingCoreSchema>;

/**
 * From inputs to the verifiable draw record in two steps, used by the app, the scripts and the
 * tests, so what residents verify is what the office ran:
 *  - openDraw, before any contribution: freezes the snapshot and computes the lottery (LEXIMIN);
 *  - completeDraw, after commitments and reveals: the seed, the ticket, the panel, the alternates.
 */
import { computeLeximin, type LeximinOptions } from "./leximin";
import { buildLottery, lotteryMarginals } from "./lottery";
import {
  NON_REVEAL_RULE,
  PROTOCOL_VERSION,
  canonicalDistribution,
  canonicalExclusions,
  exclusionsHash,
  lotteryHash,
  openingHash,
  partyCommitment,
  seedV2,
  type Exclusion,
  type ExternalSource,
  type OpeningCore,
} from "./protocol";
import { ALGORITHM, type DrawRecord } from "./record";
import { checkCertificate } from "./verify-record";
import { canonicalMembers, commitment, snapshotHash } from "./seed";
import { afterChallenges, orderAlternates, replaceChallenged, selectPanel } from "./select";
import type { LeximinCertificate, Lottery, PoolMember, Quota } from "./types";

export interface OpenDrawInput {
  /** The eligible pool (exclusions already removed). */
  pool: PoolMember[];
  exclusions: Exclusion[];
  quotas: Quota[];
  k: number;
  alternatesCount: number;
  scope: string;
  number: number;
  supersedes: string | null;
  contributors: string[];
  external: ExternalSource | null;
  revealSeconds: number;
  /** The office secret; only its commitment enters the opening. */
  secret: string;
  leximin?: LeximinOptions;
}

/** Everything published at opening. */
export interface OpenedDraw {
  opening: OpeningCore;
  openingHash: string;
  snapshot: PoolMember[];
  exclusions: Exclusion[];
  lottery: Lottery;
  probabilities: Record<string, number>;
  /** Absent only on draws opened before the certificate existed. */
  certificate?: LeximinCertificate;
}

/** The lottery for a frozen pool: LEXIMIN, canonical order, rounded to tickets. Used at opening and by the re-solving verifier. */
export async function solveLottery(pool: PoolMember[], quotas: Quota[], k: number, options?: LeximinOptions): Promise<Lottery> {
  return (await solveDraw(pool, quotas, k, options)).lottery;
}

/** The lottery and the LP dual certificate of its LEXIMIN optimality. */
export async function solveDraw(
  pool: PoolMember[],
  quotas: Quota[],
  k: number,
  options?: LeximinOptions,
): Promise<{ lottery: Lottery; certificate: LeximinCertificate }> {
  const distribution = await computeLeximin(canonicalMembers(pool), quotas, k, options);
  return { lottery: buildLottery(canonicalDistribution(distribution)), certificate: distribution.certificate };
}

export async function openDraw(input: OpenDrawInput): Promise<OpenedDraw> {
  const snapshot = canonicalMembers(input.pool);
  const exclusions = canonicalExclusions(input.exclusions);
  const { lottery, certificate } = await solveDraw(snapshot, input.quotas, input.k, input.leximin);
  const opening: OpeningCore = {
    protocol: PROTOCOL_VERSION,
    scope: input.scope,
    number: input.number,
    supersedes: input.supersedes,
    algorithm: { ...ALGORITHM },
    snapshotHash: await snapshotHash(snapshot),
    members: snapshot.length,
    exclusionsHash: await exclusionsHash(exclusions),
    quotas: input.quotas.map((q) => ({ category: q.category, feature: q.feature, min: q.min, max: q.max })),
    k: input.k,
    alternatesCount: input.alternatesCount,
    lotteryHash: await lotteryHash(lottery),
    commitment: await commitment(input.secret),
    contributors: [...input.contributors],
    external: input.external ? { ...input.external } : null,
    nonReveal: NON_REVEAL_RULE,
    revealSeconds: input.revealSeconds,
  };
  const probabilities = lotteryMarginals(lottery, snapshot.map((m) => m.id));
  // Publish the certificate only if it checks (it rests on the LP relaxation of the quotas, which
  // could in principle be weaker than the panels themselves): verifiers then say "not certified".
  const certified = checkCertificate({ snapshot, quotas: input.quotas, k: input.k, probabilities }, certificate) === undefined;
  return {
    opening,
    openingHash: await openingHash(opening),
    snapshot,
    exclusions,
    lottery,
    probabilities,
    ...(certified ? { certificate } : {}),
  };
}

export interface CompleteDrawInput {
  opened: OpenedDraw;
  priorOpenings: DrawRecord["priorOpenings"];
  /** One per contributor, any order. */
  commitments: { by: string; commitment: string }[];
  /** Reveals received in time; a contributor without one contributes its commitment. */
  reveals: { by: string; value: string; salt: string }[];
  external: string | null;
  secret: string;
}

export async function completeDraw(input: CompleteDrawInput): Promise<DrawRecord> {
  const { opened } = input;
  const commitments = opened.opening.contributors.map((by) => {
    const c = input.commitments.find((x) => x.by === by);
    if (!c) throw new Error(`${by} has not committed`);
    return { by, commitment: c.commitment };
  });
  const reveals = await Promise.all(
    commitments.map(async ({ by, commitment: committed }) => {
      const r = input.reveals.find((x) => x.by === by);
      if (!r) return { by, value: null, salt: null };
      if ((await partyCommitment(opened.openingHash, r.salt, r.value)) !== committed) throw new Error(`the reveal of ${by} does not match its commitment`);
      return { by, value: r.value, salt: r.salt };
    }),
  );
  const seed = await seedV2({
    openingHash: opened.openingHash,
    secret: input.secret,
    contributions: reveals.map((r, i) => ({ by: r.by, value: r.value ?? commitments[i].commitment })),
    external: input.external,
  });
  const ids = opened.snapshot.map((m) => m.id);
  const { panelIndex, panel } = await selectPanel(seed, opened.lottery);
  return {
    kind: "draw",
    version: PROTOCOL_VERSION,
    opening: opened.opening,
    openingHash: opened.openingHash,
    priorOpenings: input.priorOpenings,
    snapshot: opened.snapshot,
    exclusions: opened.exclusions,
    lottery: opened.lottery,
    probabilities: opened.probabilities,
    ...(opened.certificate ? { certificate: opened.certificate } : {}),
    commitments,
    reveals,
    external: input.external,
    secret: input.secret,
    seed,
    ticket: panelIndex,
    panel,
    alternates: await orderAlternates(seed, ids, panel),
    challenges: [],
  };
}

/**
 * The replacement rule (docs/draw-spec.md §Replacement), for whoever decides that a challenge is
 * granted: `juror` leaves and the first remaining alternate whose taking the seat keeps every quota
 * met joins. Returns the record with the challenge appended; throws NoValidReplacementError.
 */
export function recordChallenge(record: DrawRecord, challenge: { by: string; juror: string; reason: string }): DrawRecord {
  const state = afterChallenges(record.panel, record.alternates, record.challenges);
  const { replacement } = replaceChallenged(state.panel, state.alternates, challenge.juror, record.opening.quotas, record.snapshot);
  return { ...record, challenges: [...record.challenges, { ...challenge, replacement }] };
}

/** The panel as it stands after the recorded challenges. */
export function seatedPanel(record: DrawRecord): string[] {
  return afterChallenges(record.panel, record.alternates, record.challenges).panel;
}

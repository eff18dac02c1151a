/**
 * One call from inputs to the full, verifiable draw record — used by the app and by scripts, so
 * what residents verify is what the office ran.
 */
import { computeLeximin, type LeximinOptions } from "./leximin";
import { buildLottery, lotteryMarginals } from "./lottery";
import { ALGORITHM, type DrawRecord } from "./record";
import { canonicalMembers, commitment, computeSeed, snapshotHash } from "./seed";
import { afterChallenges, orderAlternates, replaceChallenged, selectPanel } from "./select";
import type { Contribution, Exclusion, PoolMember, Quota } from "./types";

export interface DrawInput {
  pool: PoolMember[];
  exclusions: Exclusion[];
  quotas: Quota[];
  k: number;
  alternatesCount: number;
  contributions: Contribution[];
  /** The revealed secret whose commitment was published before the contributions. */
  secret: string;
  leximin?: LeximinOptions;
}

export async function runDraw(input: DrawInput): Promise<DrawRecord> {
  const excluded = new Set(input.exclusions.map((e) => e.id));
  const members = canonicalMembers(input.pool.filter((m) => !excluded.has(m.id)));
  const ids = members.map((m) => m.id);
  const hash = await snapshotHash(members);
  const distribution = await computeLeximin(members, input.quotas, input.k, input.leximin);
  const lottery = buildLottery(distribution);
  const seed = await computeSeed({
    snapshotHash: hash,
    quotas: input.quotas,
    k: input.k,
    contributions: input.contributions,
    secret: input.secret,
    algorithmVersion: ALGORITHM.version,
  });
  const { panelIndex, panel } = await selectPanel(seed, lottery);
  return {
    kind: "draw",
    algorithm: { ...ALGORITHM },
    snapshot: { members, hash },
    exclusions: input.exclusions.map((e) => ({ id: e.id, reason: e.reason })),
    quotas: input.quotas.map((q) => ({ ...q })),
    k: input.k,
    alternatesCount: input.alternatesCount,
    commitment: await commitment(input.secret),
    contributions: input.contributions.map((c) => ({ by: c.by, value: c.value })),
    secret: input.secret,
    seed,
    lottery,
    probabilities: lotteryMarginals(lottery, ids),
    panelIndex,
    panel,
    alternates: await orderAlternates(seed, ids, panel),
    challenges: [],
  };
}

/** The record with one more challenge: `juror` leaves and the next quota-keeping alternate joins. */
export function recordChallenge(record: DrawRecord, challenge: { by: string; juror: string; reason: string }): DrawRecord {
  const state = afterChallenges(record.panel, record.alternates, record.challenges);
  const { replacement } = replaceChallenged(state.panel, state.alternates, challenge.juror, record.quotas, record.snapshot.members);
  return { ...record, challenges: [...record.challenges, { ...challenge, replacement }] };
}

/** The panel as it stands after the recorded challenges. */
export function seatedPanel(record: DrawRecord): string[] {
  return afterChallenges(record.panel, record.alternates, record.challenges).panel;
}

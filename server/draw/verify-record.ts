/**
 * Re-checks a published draw record (isomorphic: runs in the verify CLI and in a browser).
 *
 * It does not re-solve the LEXIMIN LP. The LP's float output (which panels, which weights) can
 * differ between solver versions and platforms, so a re-solve could not be compared bit for bit.
 * Instead the record carries the rounded distribution itself, and we check that it is a valid
 * lottery (every panel has k snapshot members and meets every quota) and that everything derived
 * from it — the ticket, the panel, the alternates, the replacements, the stated probabilities —
 * follows from the seed. What the draw did is thus fully reproducible; whether the distribution is
 * the fairest possible can be judged separately by re-running `npm run panel` and comparing the
 * probabilities, which LEXIMIN determines uniquely.
 */
import { type DrawRecord, ALGORITHM, drawRecordSchema } from "./record";
import { lotteryMarginals } from "./lottery";
import { firstQuotaViolation, quotaLabel } from "./quotas";
import { canonicalMembers, commitment, computeSeed, snapshotHash } from "./seed";
import { afterChallenges, orderAlternates, replaceChallenged, selectPanel } from "./select";
import type { PoolMember } from "./types";

export type VerifyResult = { ok: true } | { ok: false; error: string };

/** Tolerance for recomputing probabilities from ticket counts (float summation only). */
const PROBABILITY_TOLERANCE = 1e-9;

export async function verifyDrawRecord(input: unknown): Promise<VerifyResult> {
  const parsed = drawRecordSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `record is malformed at ${issue.path.join(".") || "(root)"}: ${issue.message}` };
  }
  const error = await firstMismatch(parsed.data);
  return error === undefined ? { ok: true } : { ok: false, error };
}

async function firstMismatch(r: DrawRecord): Promise<string | undefined> {
  if (r.algorithm.version !== ALGORITHM.version) {
    return `algorithm version ${r.algorithm.version} is not supported (this verifier implements ${ALGORITHM.version})`;
  }

  const members = r.snapshot.members;
  const ids = members.map((m) => m.id);
  if (JSON.stringify(ids) !== JSON.stringify(canonicalMembers(members).map((m) => m.id)) || new Set(ids).size !== ids.length) {
    return "snapshot members are not unique and sorted by id";
  }
  if ((await snapshotHash(members)) !== r.snapshot.hash) return "snapshot hash does not match the snapshot members";
  const excluded = new Set(r.exclusions.map((e) => e.id));
  const snapshotExcluded = ids.find((id) => excluded.has(id));
  if (snapshotExcluded !== undefined) return `excluded member ${snapshotExcluded} is in the snapshot`;

  if ((await commitment(r.secret)) !== r.commitment) return "commitment is not SHA-256 of the revealed secret";
  const seed = await computeSeed({
    snapshotHash: r.snapshot.hash,
    quotas: r.quotas,
    k: r.k,
    contributions: r.contributions,
    secret: r.secret,
    algorithmVersion: r.algorithm.version,
  });
  if (seed !== r.seed) return "seed does not match the snapshot, quotas, k, contributions and secret";

  const byId = new Map(members.map((m) => [m.id, m]));
  const lotteryError = checkLottery(r, byId);
  if (lotteryError) return lotteryError;

  const marginals = lotteryMarginals(r.lottery, ids);
  const listed = Object.keys(r.probabilities);
  const stray = listed.find((id) => !byId.has(id));
  if (stray !== undefined) return `probability listed for ${stray}, who is not in the snapshot`;
  for (const id of ids) {
    const stated = r.probabilities[id];
    if (stated === undefined || Math.abs(stated - marginals[id]) > PROBABILITY_TOLERANCE) {
      return `probability of ${id} is ${stated ?? "missing"}, but the lottery gives ${marginals[id]}`;
    }
  }

  const drawn = await selectPanel(r.seed, r.lottery);
  if (drawn.panelIndex !== r.panelIndex) return `panel index is ${r.panelIndex}, but the seed draws ticket ${drawn.panelIndex}`;
  if (JSON.stringify(r.panel) !== JSON.stringify(drawn.panel)) return `panel is not the panel on ticket ${drawn.panelIndex}`;

  const alternates = await orderAlternates(r.seed, ids, drawn.panel);
  if (JSON.stringify(r.alternates) !== JSON.stringify(alternates)) {
    const at = alternates.findIndex((id, i) => r.alternates[i] !== id);
    return `alternates differ from the seed's order at position ${at === -1 ? alternates.length : at}`;
  }
  if (r.alternatesCount > alternates.length) return `alternatesCount ${r.alternatesCount} exceeds the ${alternates.length} alternates`;

  return checkChallenges(r, members);
}

function checkLottery(r: DrawRecord, byId: Map<string, PoolMember>): string | undefined {
  const { M, panels, counts } = r.lottery;
  if (panels.length !== counts.length) return "lottery has a different number of panels and counts";
  const total = counts.reduce((s, c) => s + c, 0);
  if (total !== M) return `lottery counts sum to ${total}, not M = ${M}`;
  for (const [i, panel] of panels.entries()) {
    if (panel.length !== r.k) return `lottery panel ${i} has ${panel.length} members, not k = ${r.k}`;
    if (new Set(panel).size !== panel.length) return `lottery panel ${i} lists a member twice`;
    const outsider = panel.find((id) => !byId.has(id));
    if (outsider !== undefined) return `lottery panel ${i} contains ${outsider}, who is not in the snapshot`;
    const violation = firstQuotaViolation(panel.map((id) => byId.get(id) as PoolMember), r.quotas);
    if (violation) return `lottery panel ${i} has ${violation.count} for quota ${quotaLabel(violation.quota)}`;
  }
  return undefined;
}

function checkChallenges(r: DrawRecord, members: PoolMember[]): string | undefined {
  for (const [i, c] of r.challenges.entries()) {
    const state = afterChallenges(r.panel, r.alternates, r.challenges.slice(0, i));
    if (!state.panel.includes(c.juror)) return `challenge ${i}: ${c.juror} is not on the panel at that point`;
    try {
      const { replacement } = replaceChallenged(state.panel, state.alternates, c.juror, r.quotas, members);
      if (replacement !== c.replacement) {
        return `challenge ${i}: ${c.juror} must be replaced by ${replacement}, not ${c.replacement}`;
      }
    } catch (e) {
      return `challenge ${i}: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  return undefined;
}

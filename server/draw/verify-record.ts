/**
 * Re-checks a published draw record, protocol v2 (isomorphic: the verify CLI and the /verify page).
 *
 * This checks the arithmetic and the binding: every hash of the opening, the canonical order of
 * the lottery, that each panel is a valid panel, the commitments and reveals, the external value's
 * named form, the seed, the ticket, the panel, the alternates and the replacements. Whether the
 * lottery is the *fairest* one (LEXIMIN) needs a re-solve: verify-resolve.ts, run with --resolve.
 * Whether the opening is the one the parties saw is checked against an anchor (`expectOpening`,
 * the opening hash printed on a party's receipt or read from the hash-chained hearing log).
 */
import { lotteryMarginals } from "./lottery";
import { exclusionsHash, lotteryHash, lotteryOrderError, normaliseExternal, openingHash, partyCommitment, PROTOCOL_VERSION, seedV2 } from "./protocol";
import { type DrawRecord, drawRecordSchema } from "./record";
import { firstQuotaViolation, quotaLabel } from "./quotas";
import { canonicalMembers, commitment, snapshotHash } from "./seed";
import { fail, failed, type VerifyFailure } from "../verify/failures";
import { afterChallenges, NoValidReplacementError, orderAlternates, replaceChallenged, selectPanel } from "./select";
import type { PoolMember } from "./types";

/** `certified`: the record carries an optimality certificate and it holds (false: no certificate). */
export type VerifyResult = { ok: true; certified: boolean } | { ok: false; error: string; failure: VerifyFailure };
export interface VerifyOptions {
  /** The opening hash from an anchor outside the record (a receipt, the log): must match. */
  expectOpening?: string;
}

/** Tolerance for recomputing probabilities from ticket counts (float summation only). */
const PROBABILITY_TOLERANCE = 1e-9;

export async function verifyDrawRecord(input: unknown, options: VerifyOptions = {}): Promise<VerifyResult> {
  const parsed = parseDrawRecord(input);
  if (!parsed.ok) return parsed;
  const error = (await firstMismatch(parsed.record, options)) ?? certificateError(parsed.record);
  return error === undefined ? { ok: true, certified: parsed.record.certificate !== undefined } : failed(error);
}

export function parseDrawRecord(input: unknown): { ok: true; record: DrawRecord } | { ok: false; error: string; failure: VerifyFailure } {
  const version = (input as { version?: unknown } | null)?.version;
  if (typeof input === "object" && input !== null && version !== PROTOCOL_VERSION) {
    return failed(fail("protocol_unsupported", { version: JSON.stringify(version ?? "1"), supported: PROTOCOL_VERSION }));
  }
  const parsed = drawRecordSchema.safeParse(input);
  if (parsed.success) return { ok: true, record: parsed.data };
  const issue = parsed.error.issues[0];
  return failed(fail("record_malformed", { path: issue.path.join(".") || "(root)", message: issue.message }));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function firstMismatch(r: DrawRecord, options: VerifyOptions): Promise<VerifyFailure | undefined> {
  const o = r.opening;
  if (o.protocol !== PROTOCOL_VERSION || o.algorithm.version !== PROTOCOL_VERSION) return fail("opening_protocol_unsupported", { protocol: o.protocol });

  // 1. The opening: every part it commits to hashes to what it states, and it hashes to openingHash.
  const members = r.snapshot;
  const ids = members.map((m) => m.id);
  if (!same(ids, canonicalMembers(members).map((m) => m.id)) || new Set(ids).size !== ids.length) return fail("snapshot_order");
  if ((await snapshotHash(members)) !== o.snapshotHash) return fail("snapshot_hash");
  if (o.members !== members.length) return fail("snapshot_count", { stated: o.members, actual: members.length });
  const exIds = r.exclusions.map((e) => e.id);
  if (!same(exIds, [...exIds].sort()) || new Set(exIds).size !== exIds.length) return fail("exclusions_order");
  if ((await exclusionsHash(r.exclusions)) !== o.exclusionsHash) return fail("exclusions_hash");
  const excluded = new Set(exIds);
  const back = ids.find((id) => excluded.has(id));
  if (back !== undefined) return fail("excluded_in_snapshot", { id: back });
  if ((await lotteryHash(r.lottery)) !== o.lotteryHash) return fail("lottery_hash");
  if ((await openingHash(o)) !== r.openingHash) return fail("opening_hash");
  if (options.expectOpening !== undefined && options.expectOpening.toLowerCase() !== r.openingHash) {
    return fail("opening_not_receipt", { recorded: r.openingHash, expected: options.expectOpening });
  }
  const expectedPrior = r.priorOpenings.map((p, i) => p.number === i + 1);
  if (r.priorOpenings.length !== o.number - 1 || expectedPrior.includes(false)) return fail("prior_openings", { number: o.number, prior: o.number - 1 });
  if ((r.priorOpenings.at(-1)?.openingHash ?? null) !== o.supersedes) return fail("supersedes");

  // 2. The lottery: canonical order, valid panels, stated probabilities.
  const byId = new Map(members.map((m) => [m.id, m]));
  const lotteryError = lotteryOrderError(r.lottery) ?? checkLottery(r, byId);
  if (lotteryError) return lotteryError;
  const marginals = lotteryMarginals(r.lottery, ids);
  const stray = Object.keys(r.probabilities).find((id) => !byId.has(id));
  if (stray !== undefined) return fail("probability_stray", { id: stray });
  for (const id of ids) {
    const stated = r.probabilities[id];
    if (stated === undefined || Math.abs(stated - marginals[id]) > PROBABILITY_TOLERANCE) return stated === undefined ? fail("probability_missing", { id, computed: marginals[id] }) : fail("probability_mismatch", { id, stated, computed: marginals[id] });
  }

  // 3. Contributions: commitments of the named contributors, reveals that match, the external value's form.
  if (!same(r.commitments.map((c) => c.by), o.contributors)) return fail("commitments_parties");
  if (!same(r.reveals.map((c) => c.by), o.contributors)) return fail("reveals_parties");
  const values: { by: string; value: string }[] = [];
  for (const [i, rev] of r.reveals.entries()) {
    const committed = r.commitments[i].commitment;
    if (rev.value === null || rev.salt === null) {
      if (rev.value !== rev.salt) return fail("reveal_salt", { by: rev.by });
      values.push({ by: rev.by, value: committed });
      continue;
    }
    if ((await partyCommitment(r.openingHash, rev.salt, rev.value)) !== committed) return fail("reveal_commitment", { by: rev.by });
    values.push({ by: rev.by, value: rev.value });
  }
  if (o.external === null && r.external !== null) return fail("external_unexpected");
  if (o.external !== null) {
    if (r.external === null) return fail("external_missing", { source: o.external.source });
    if (normaliseExternal(o.external, r.external) !== r.external) return fail("external_form", { value: JSON.stringify(r.external) });
  }

  // 4. Seed, ticket, panel, alternates, replacements.
  if ((await commitment(r.secret)) !== o.commitment) return fail("secret_commitment");
  const seed = await seedV2({ openingHash: r.openingHash, secret: r.secret, contributions: values, external: r.external });
  if (seed !== r.seed) return fail("seed_mismatch");
  const drawn = await selectPanel(r.seed, r.lottery);
  if (drawn.panelIndex !== r.ticket) return fail("ticket_mismatch", { recorded: r.ticket, drawn: drawn.panelIndex });
  if (!same(r.panel, drawn.panel)) return fail("panel_mismatch", { ticket: drawn.panelIndex });
  const alternates = await orderAlternates(r.seed, ids, drawn.panel);
  if (!same(r.alternates, alternates)) {
    const at = alternates.findIndex((id, i) => r.alternates[i] !== id);
    return fail("alternates_order", { position: at === -1 ? alternates.length : at });
  }
  if (o.alternatesCount > alternates.length) return fail("alternates_count", { stated: o.alternatesCount, actual: alternates.length });
  return checkChallenges(r, members);
}

function checkLottery(r: DrawRecord, byId: Map<string, PoolMember>): VerifyFailure | undefined {
  const { M, panels, counts } = r.lottery;
  if (panels.length !== counts.length) return fail("lottery_counts");
  const total = counts.reduce((s, c) => s + c, 0);
  if (total !== M) return fail("lottery_sum", { total, M });
  for (const [i, panel] of panels.entries()) {
    if (panel.length !== r.opening.k) return fail("lottery_panel_size", { i, size: panel.length, k: r.opening.k });
    const outsider = panel.find((id) => !byId.has(id));
    if (outsider !== undefined) return fail("lottery_panel_outsider", { i, id: outsider });
    const violation = firstQuotaViolation(panel.map((id) => byId.get(id) as PoolMember), r.opening.quotas);
    if (violation) return fail("lottery_panel_quota", { i, count: violation.count, quota: quotaLabel(violation.quota) });
  }
  return undefined;
}

function checkChallenges(r: DrawRecord, members: PoolMember[]): VerifyFailure | undefined {
  for (const [i, c] of r.challenges.entries()) {
    const state = afterChallenges(r.panel, r.alternates, r.challenges.slice(0, i));
    if (!state.panel.includes(c.juror)) return fail("challenge_not_on_panel", { i, juror: c.juror });
    try {
      const { replacement } = replaceChallenged(state.panel, state.alternates, c.juror, r.opening.quotas, members);
      if (replacement !== c.replacement) return fail("challenge_replacement", { i, juror: c.juror, expected: replacement, recorded: c.replacement });
    } catch (e) {
      if (e instanceof NoValidReplacementError) return fail("challenge_no_replacement", { i, juror: c.juror });
      return fail("challenge_failed", { i, juror: c.juror, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return undefined;
}

/**
 * Lottery probabilities are LEXIMIN's rounded to M tickets (a few 10^-6 off, docs/performance-draw.md);
 * a certificate's levels must hold within this.
 */
export const CERTIFICATE_TOLERANCE = 1e-4;

/**
 * Checks the LP dual optimality certificate (docs/draw-spec.md, "Optimality certificate") with
 * arithmetic only. Round r, with F the members fixed by earlier rounds at their levels and w_i ≥ 0
 * its weights: for every member, γ_i = max(0, w_i − α − Σ_{quotas q of i} d_q); every panel P meeting
 * the quotas then has Σ_{i∈P} w_i ≤ B = kα + Σ_q d_q·(max_q if d_q > 0 else min_q) + Σ_i γ_i. So any
 * distribution keeping F at their levels gives some member outside F at most
 * Z = (B − Σ_{i∈F} w_i·level_i) / Σ_{i∉F} w_i. The round's level must be Z, its fixed members
 * exactly those outside F with w_i > 0, every member outside F must get at least the level and the
 * fixed ones the level itself; the rounds must fix every snapshot member.
 */
export function certificateError(r: DrawRecord): VerifyFailure | undefined {
  if (!r.certificate) return undefined;
  return checkCertificate({ snapshot: r.snapshot, quotas: r.opening.quotas, k: r.opening.k, probabilities: r.probabilities }, r.certificate);
}

/** The certificate check on its inputs (also used at opening, so a draw never publishes one that fails). */
export function checkCertificate(
  r: { snapshot: PoolMember[]; quotas: DrawRecord["opening"]["quotas"]; k: number; probabilities: Record<string, number> },
  cert: NonNullable<DrawRecord["certificate"]>,
): VerifyFailure | undefined {
  const members = r.snapshot;
  const quotas = r.quotas;
  const level = new Map<string, number>();
  const tol = CERTIFICATE_TOLERANCE;
  const snapshotIds = new Set(members.map((m) => m.id));
  for (const [n, round] of cert.rounds.entries()) {
    if (round.quotaDuals.length !== quotas.length) return fail("certificate_duals", { round: n, duals: round.quotaDuals.length, quotas: quotas.length });
    const stray = Object.keys(round.weights).find((id) => !snapshotIds.has(id));
    if (stray !== undefined) return fail("certificate_stray", { round: n, id: stray });
    let bound = r.k * round.alpha;
    quotas.forEach((q, qi) => (bound += round.quotaDuals[qi] > 0 ? round.quotaDuals[qi] * q.max : round.quotaDuals[qi] * q.min));
    let fixedPart = 0;
    let freeWeight = 0;
    for (const m of members) {
      const w = round.weights[m.id] ?? 0;
      const covered = quotas.reduce((s, q, qi) => (m.features[q.category] === q.feature ? s + round.quotaDuals[qi] : s), round.alpha);
      bound += Math.max(0, w - covered);
      const earlier = level.get(m.id);
      if (earlier !== undefined) fixedPart += w * earlier;
      else freeWeight += w;
    }
    if (!(freeWeight > 0)) return fail("certificate_no_weight", { round: n });
    const proven = (bound - fixedPart) / freeWeight;
    if (Math.abs(proven - round.level) > tol) return fail("certificate_level", { round: n, level: round.level, proven });
    const expectedFixed = members.filter((m) => !level.has(m.id) && (round.weights[m.id] ?? 0) > 0).map((m) => m.id);
    if (!same([...round.fixed].sort(), expectedFixed)) return fail("certificate_fixed", { round: n });
    for (const m of members) {
      if (level.has(m.id)) continue;
      const p = r.probabilities[m.id];
      if (p < round.level - tol) return fail("certificate_below_level", { id: m.id, probability: p, level: round.level, round: n });
    }
    for (const id of round.fixed) {
      if (Math.abs(r.probabilities[id] - round.level) > tol) return fail("certificate_above_level", { id, probability: r.probabilities[id], level: round.level, round: n });
      level.set(id, round.level);
    }
  }
  const unfixed = members.find((m) => !level.has(m.id));
  if (unfixed !== undefined) return fail("certificate_unfixed", { id: unfixed.id });
  return undefined;
}

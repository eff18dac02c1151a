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
import { afterChallenges, orderAlternates, replaceChallenged, selectPanel } from "./select";
import type { PoolMember } from "./types";

/** `certified`: the record carries an optimality certificate and it holds (false: no certificate). */
export type VerifyResult = { ok: true; certified: boolean } | { ok: false; error: string };
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
  return error === undefined ? { ok: true, certified: parsed.record.certificate !== undefined } : { ok: false, error };
}

export function parseDrawRecord(input: unknown): { ok: true; record: DrawRecord } | { ok: false; error: string } {
  const version = (input as { version?: unknown } | null)?.version;
  if (typeof input === "object" && input !== null && version !== PROTOCOL_VERSION) {
    return { ok: false, error: `protocol version ${JSON.stringify(version ?? "1")} is not supported (this verifier implements ${PROTOCOL_VERSION})` };
  }
  const parsed = drawRecordSchema.safeParse(input);
  if (parsed.success) return { ok: true, record: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: `record is malformed at ${issue.path.join(".") || "(root)"}: ${issue.message}` };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function firstMismatch(r: DrawRecord, options: VerifyOptions): Promise<string | undefined> {
  const o = r.opening;
  if (o.protocol !== PROTOCOL_VERSION || o.algorithm.version !== PROTOCOL_VERSION) return `opening protocol ${o.protocol} is not supported`;

  // 1. The opening: every part it commits to hashes to what it states, and it hashes to openingHash.
  const members = r.snapshot;
  const ids = members.map((m) => m.id);
  if (!same(ids, canonicalMembers(members).map((m) => m.id)) || new Set(ids).size !== ids.length) return "snapshot members are not unique and sorted by id";
  if ((await snapshotHash(members)) !== o.snapshotHash) return "snapshot hash does not match the snapshot members";
  if (o.members !== members.length) return `opening states ${o.members} members, the snapshot has ${members.length}`;
  const exIds = r.exclusions.map((e) => e.id);
  if (!same(exIds, [...exIds].sort()) || new Set(exIds).size !== exIds.length) return "exclusions are not unique and sorted by id";
  if ((await exclusionsHash(r.exclusions)) !== o.exclusionsHash) return "exclusions hash does not match the exclusions";
  const excluded = new Set(exIds);
  const back = ids.find((id) => excluded.has(id));
  if (back !== undefined) return `excluded member ${back} is in the snapshot`;
  if ((await lotteryHash(r.lottery)) !== o.lotteryHash) return "lottery hash does not match the lottery";
  if ((await openingHash(o)) !== r.openingHash) return "opening hash does not match the opening";
  if (options.expectOpening !== undefined && options.expectOpening.toLowerCase() !== r.openingHash) {
    return `opening hash ${r.openingHash} is not the one on the receipt (${options.expectOpening})`;
  }
  const expectedPrior = r.priorOpenings.map((p, i) => p.number === i + 1);
  if (r.priorOpenings.length !== o.number - 1 || expectedPrior.includes(false)) return `opening ${o.number} must list ${o.number - 1} prior opening(s) numbered from 1`;
  if ((r.priorOpenings.at(-1)?.openingHash ?? null) !== o.supersedes) return "opening.supersedes is not the last prior opening";

  // 2. The lottery: canonical order, valid panels, stated probabilities.
  const byId = new Map(members.map((m) => [m.id, m]));
  const lotteryError = lotteryOrderError(r.lottery) ?? checkLottery(r, byId);
  if (lotteryError) return lotteryError;
  const marginals = lotteryMarginals(r.lottery, ids);
  const stray = Object.keys(r.probabilities).find((id) => !byId.has(id));
  if (stray !== undefined) return `probability listed for ${stray}, who is not in the snapshot`;
  for (const id of ids) {
    const stated = r.probabilities[id];
    if (stated === undefined || Math.abs(stated - marginals[id]) > PROBABILITY_TOLERANCE) return `probability of ${id} is ${stated ?? "missing"}, but the lottery gives ${marginals[id]}`;
  }

  // 3. Contributions: commitments of the named contributors, reveals that match, the external value's form.
  if (!same(r.commitments.map((c) => c.by), o.contributors)) return "commitments are not exactly the contributors named at opening, in order";
  if (!same(r.reveals.map((c) => c.by), o.contributors)) return "reveals are not exactly the contributors named at opening, in order";
  const values: { by: string; value: string }[] = [];
  for (const [i, rev] of r.reveals.entries()) {
    const committed = r.commitments[i].commitment;
    if (rev.value === null || rev.salt === null) {
      if (rev.value !== rev.salt) return `reveal of ${rev.by} has a value without a salt or a salt without a value`;
      values.push({ by: rev.by, value: committed });
      continue;
    }
    if ((await partyCommitment(r.openingHash, rev.salt, rev.value)) !== committed) return `reveal of ${rev.by} does not match its commitment`;
    values.push({ by: rev.by, value: rev.value });
  }
  if (o.external === null && r.external !== null) return "an external value is recorded but none was named at opening";
  if (o.external !== null) {
    if (r.external === null) return `the external value named at opening (${o.external.source}) is missing`;
    if (normaliseExternal(o.external, r.external) !== r.external) return `external value ${JSON.stringify(r.external)} is not in the form named at opening`;
  }

  // 4. Seed, ticket, panel, alternates, replacements.
  if ((await commitment(r.secret)) !== o.commitment) return "commitment is not SHA-256 of the revealed secret";
  const seed = await seedV2({ openingHash: r.openingHash, secret: r.secret, contributions: values, external: r.external });
  if (seed !== r.seed) return "seed does not match the opening, the contributions, the external value and the secret";
  const drawn = await selectPanel(r.seed, r.lottery);
  if (drawn.panelIndex !== r.ticket) return `ticket is ${r.ticket}, but the seed draws ticket ${drawn.panelIndex}`;
  if (!same(r.panel, drawn.panel)) return `panel is not the panel on ticket ${drawn.panelIndex}`;
  const alternates = await orderAlternates(r.seed, ids, drawn.panel);
  if (!same(r.alternates, alternates)) {
    const at = alternates.findIndex((id, i) => r.alternates[i] !== id);
    return `alternates differ from the seed's order at position ${at === -1 ? alternates.length : at}`;
  }
  if (o.alternatesCount > alternates.length) return `alternatesCount ${o.alternatesCount} exceeds the ${alternates.length} alternates`;
  return checkChallenges(r, members);
}

function checkLottery(r: DrawRecord, byId: Map<string, PoolMember>): string | undefined {
  const { M, panels, counts } = r.lottery;
  if (panels.length !== counts.length) return "lottery has a different number of panels and counts";
  const total = counts.reduce((s, c) => s + c, 0);
  if (total !== M) return `lottery counts sum to ${total}, not M = ${M}`;
  for (const [i, panel] of panels.entries()) {
    if (panel.length !== r.opening.k) return `lottery panel ${i} has ${panel.length} members, not k = ${r.opening.k}`;
    const outsider = panel.find((id) => !byId.has(id));
    if (outsider !== undefined) return `lottery panel ${i} contains ${outsider}, who is not in the snapshot`;
    const violation = firstQuotaViolation(panel.map((id) => byId.get(id) as PoolMember), r.opening.quotas);
    if (violation) return `lottery panel ${i} has ${violation.count} for quota ${quotaLabel(violation.quota)}`;
  }
  return undefined;
}

function checkChallenges(r: DrawRecord, members: PoolMember[]): string | undefined {
  for (const [i, c] of r.challenges.entries()) {
    const state = afterChallenges(r.panel, r.alternates, r.challenges.slice(0, i));
    if (!state.panel.includes(c.juror)) return `challenge ${i}: ${c.juror} is not on the panel at that point`;
    try {
      const { replacement } = replaceChallenged(state.panel, state.alternates, c.juror, r.opening.quotas, members);
      if (replacement !== c.replacement) return `challenge ${i}: ${c.juror} must be replaced by ${replacement}, not ${c.replacement}`;
    } catch (e) {
      return `challenge ${i}: ${e instanceof Error ? e.message : String(e)}`;
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
export function certificateError(r: DrawRecord): string | undefined {
  if (!r.certificate) return undefined;
  return checkCertificate({ snapshot: r.snapshot, quotas: r.opening.quotas, k: r.opening.k, probabilities: r.probabilities }, r.certificate);
}

/** The certificate check on its inputs (also used at opening, so a draw never publishes one that fails). */
export function checkCertificate(
  r: { snapshot: PoolMember[]; quotas: DrawRecord["opening"]["quotas"]; k: number; probabilities: Record<string, number> },
  cert: NonNullable<DrawRecord["certificate"]>,
): string | undefined {
  const members = r.snapshot;
  const quotas = r.quotas;
  const level = new Map<string, number>();
  const tol = CERTIFICATE_TOLERANCE;
  const snapshotIds = new Set(members.map((m) => m.id));
  for (const [n, round] of cert.rounds.entries()) {
    const where = `certificate round ${n}`;
    if (round.quotaDuals.length !== quotas.length) return `${where} has ${round.quotaDuals.length} quota multipliers for ${quotas.length} quotas`;
    const stray = Object.keys(round.weights).find((id) => !snapshotIds.has(id));
    if (stray !== undefined) return `${where} weighs ${stray}, who is not in the snapshot`;
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
    if (!(freeWeight > 0)) return `${where} puts no weight on members not yet fixed`;
    const proven = (bound - fixedPart) / freeWeight;
    if (Math.abs(proven - round.level) > tol) return `${where} states level ${round.level}, but its multipliers prove ${proven}`;
    const expectedFixed = members.filter((m) => !level.has(m.id) && (round.weights[m.id] ?? 0) > 0).map((m) => m.id);
    if (!same([...round.fixed].sort(), expectedFixed)) return `${where} must fix exactly the members it weighs that earlier rounds did not fix`;
    for (const m of members) {
      if (level.has(m.id)) continue;
      const p = r.probabilities[m.id];
      if (p < round.level - tol) return `${m.id} has probability ${p}, below the level ${round.level} that LEXIMIN guarantees (${where})`;
    }
    for (const id of round.fixed) {
      if (Math.abs(r.probabilities[id] - round.level) > tol) return `${id} has probability ${r.probabilities[id]}, but ${where} proves no fair lottery can give them more than ${round.level} while keeping everyone else at their level`;
      level.set(id, round.level);
    }
  }
  const unfixed = members.find((m) => !level.has(m.id));
  if (unfixed !== undefined) return `the certificate leaves ${unfixed.id} without a level`;
  return undefined;
}

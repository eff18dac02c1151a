/**
 * The fairness check (protocol v2): re-solve LEXIMIN from the record's frozen snapshot, quotas and
 * k, and compare. With the same algorithm and solver versions the lottery must be identical (its
 * hash); with others, every member's probability must agree within RESOLVE_TOLERANCE, because a
 * different LP solver may pick a different optimal mix of panels but LEXIMIN's probabilities are
 * unique. A re-ordered, extended, one-panel or skewed lottery fails here even when every hash in
 * the record was re-derived.
 */
import { solveLottery } from "./draw";
import { lotteryMarginals } from "./lottery";
import { ALGORITHM } from "./record";
import { lotteryHash } from "./protocol";
import { fail, failed } from "../verify/failures";
import { parseDrawRecord, verifyDrawRecord, type VerifyOptions, type VerifyResult } from "./verify-record";

/** Rounding to 10^6 tickets moves a probability by a few 10^-6; solver tolerances are 1e-9. */
export const RESOLVE_TOLERANCE = 1e-4;

export async function verifyDrawRecordResolving(input: unknown, options: VerifyOptions = {}): Promise<VerifyResult & { exact?: boolean }> {
  const basic = await verifyDrawRecord(input, options);
  if (!basic.ok) return basic;
  const parsed = parseDrawRecord(input);
  if (!parsed.ok) return parsed;
  const r = parsed.record;
  let lottery;
  try {
    lottery = await solveLottery(r.snapshot, r.opening.quotas, r.opening.k, { maxSeconds: 120 });
  } catch (e) {
    return failed(fail("resolve_failed", { reason: e instanceof Error ? e.message : String(e) }));
  }
  const ids = r.snapshot.map((m) => m.id);
  const sameVersions = r.opening.algorithm.version === ALGORITHM.version && r.opening.algorithm.solver === ALGORITHM.solver;
  if (sameVersions) {
    if ((await lotteryHash(lottery)) !== r.opening.lotteryHash) {
      const fresh = lotteryMarginals(lottery, ids);
      const off = ids.find((id) => Math.abs(fresh[id] - r.probabilities[id]) > RESOLVE_TOLERANCE);
      const counts = { panels: lottery.panels.length, recordPanels: r.lottery.panels.length };
      return failed(
        off
          ? fail("resolve_lottery_differs_member", { ...counts, id: off, recorded: r.probabilities[off], computed: fresh[off] })
          : fail("resolve_lottery_differs", counts),
      );
    }
    return { ok: true, certified: basic.certified, exact: true };
  }
  const fresh = lotteryMarginals(lottery, ids);
  for (const id of ids) {
    if (Math.abs(fresh[id] - r.probabilities[id]) > RESOLVE_TOLERANCE) {
      return failed(fail("resolve_probability", { id, recorded: r.probabilities[id], computed: fresh[id], tolerance: RESOLVE_TOLERANCE }));
    }
  }
  return { ok: true, certified: basic.certified, exact: false };
}

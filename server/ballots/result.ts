import type { BallotOption, BallotOutcome, BallotThreshold } from "../../db/schema";

/**
 * The option id that means "I abstain" (弃权). An abstention is a vote cast: it counts towards the
 * quorum and towards the votes cast that majority_cast and two_thirds are measured on, so it weighs
 * like "not for". It never wins and never takes part in a tie.
 */
export const ABSTAIN_OPTION_ID = "abstain";

export type ResultInput = {
  options: BallotOption[];
  /** The option a motion is about (e.g. 同意); null: the options compete and the plurality counts. */
  passOptionId: string | null;
  threshold: BallotThreshold;
  quorum: number;
  /** Number of eligible voters, fixed at opening. */
  eligible: number;
  /** Votes per option id; options without votes may be missing. */
  counts: Record<string, number>;
};

export type TieResolution = { optionId: string; reason: string; at: string };

/** Frozen into ballots.result and the ledger when the ballot closes. */
export type BallotResult = {
  outcome: BallotOutcome;
  threshold: BallotThreshold;
  quorum: number;
  eligible: number;
  /** Votes cast, abstentions included (the turnout). */
  cast: number;
  /** Every option's votes, zeros included, in the order of the options. */
  counts: Record<string, number>;
  /** Votes the measured option needed to meet the threshold (0 when the quorum was missed). */
  required: number;
  /** passed: the pass option (motion) or the winning option (plurality); otherwise null. */
  winningOptionId: string | null;
  /** tie: the options level at the top, in option order; otherwise empty. */
  tiedOptionIds: string[];
  /** Set by the chair under tieRule chair_decides (ballot:resolve_tie). */
  resolution?: TieResolution;
};

/**
 * The least number of votes that meets the threshold, in integers (no floating point), and never
 * less than 1 so that nothing passes with zero votes:
 * - majority_cast:     more than half of the votes cast   → ⌊cast / 2⌋ + 1
 * - majority_eligible: more than half of the eligible     → ⌊eligible / 2⌋ + 1
 * - two_thirds:        at least two thirds of votes cast  → ⌈2 · cast / 3⌉
 * - unanimity:         every vote cast                    → cast
 */
export function requiredVotes(threshold: BallotThreshold, cast: number, eligible: number): number {
  switch (threshold) {
    case "majority_cast":
      return Math.floor(cast / 2) + 1;
    case "majority_eligible":
      return Math.floor(eligible / 2) + 1;
    case "two_thirds":
      return Math.max(1, Math.ceil((2 * cast) / 3));
    case "unanimity":
      return Math.max(1, cast);
  }
}

/**
 * The result of a ballot — a pure function of its rules and counts, documented in
 * docs/decisions/004-durable-exactly-once-votes.md:
 *
 * 1. cast < quorum → no_quorum.
 * 2. The measured option: the pass option for a motion; for a plurality ballot the non-abstain
 *    option with the most votes, if exactly one has the most.
 *    If it has at least requiredVotes(…) → passed, and it is the winning option.
 * 3. Otherwise, if the two strongest non-abstain options are level with at least one vote each
 *    (for a motion: the pass option and the strongest other option) → tie; the ballot's tieRule
 *    says what happens next (the chair decides with a reason, or a new ballot).
 * 4. Otherwise → failed (including no votes at all, and every vote an abstention).
 */
export function computeResult(input: ResultInput): BallotResult {
  const counts: Record<string, number> = {};
  for (const o of input.options) counts[o.id] = input.counts[o.id] ?? 0;
  const cast = Object.values(counts).reduce((a, b) => a + b, 0);
  const base = { threshold: input.threshold, quorum: input.quorum, eligible: input.eligible, cast, counts };

  if (cast < input.quorum) return { ...base, outcome: "no_quorum", required: 0, winningOptionId: null, tiedOptionIds: [] };

  const required = requiredVotes(input.threshold, cast, input.eligible);
  const contenders = input.options.filter((o) => o.id !== ABSTAIN_OPTION_ID);
  const top = Math.max(0, ...contenders.map((o) => counts[o.id]));
  const atTop = contenders.filter((o) => counts[o.id] === top).map((o) => o.id);

  const measured = input.passOptionId ?? (atTop.length === 1 ? atTop[0] : null);
  if (measured !== null && counts[measured] >= required) {
    return { ...base, outcome: "passed", required, winningOptionId: measured, tiedOptionIds: [] };
  }
  // For a motion the pass option must itself be among the level leaders (for = against); a motion
  // whose opponents tie with each other above it simply fails.
  const isTie = top > 0 && atTop.length > 1 && (input.passOptionId === null || atTop.includes(input.passOptionId));
  if (isTie) return { ...base, outcome: "tie", required, winningOptionId: null, tiedOptionIds: atTop };
  return { ...base, outcome: "failed", required, winningOptionId: null, tiedOptionIds: [] };
}

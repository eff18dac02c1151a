/**
 * Shared shapes of the panel draw. Everything here is plain data so that the same values can be
 * hashed, published in a draw record and re-checked in a browser.
 */

/** One eligible resident. `id` is pseudonymous: the published record must not identify anyone. */
export interface PoolMember {
  id: string;
  /** category → feature, e.g. { gender: "female", age: "30-44" }. */
  features: Record<string, string>;
}

/** Inclusive bounds on how many jurors with `feature` in `category` the panel must have. */
export interface Quota {
  category: string;
  feature: string;
  min: number;
  max: number;
}

/**
 * A probability distribution over panels, as computed by LEXIMIN.
 * `probabilities` are the exact marginals of `panels`/`weights` (id → chance of being selected).
 */
export interface Distribution {
  /** Each panel is a list of k ids in ascending code-unit order. */
  panels: string[][];
  /** One weight per panel; they sum to 1. */
  weights: number[];
  probabilities: Record<string, number>;
  /** Wall-clock seconds spent computing the distribution. */
  seconds: number;
  /** The LP dual certificate of LEXIMIN optimality (docs/draw-spec.md, "Optimality certificate"). */
  certificate: LeximinCertificate;
  /** Solver effort, for benchmarks (not part of any record). */
  stats?: {
    rounds: number;
    lpSolves: number;
    lpSeconds: number;
    pricingRelaxations: number;
    pricingIlps: number;
    pricingSeconds: number;
    compositions: number;
  };
}

/**
 * One LEXIMIN round: no distribution that keeps every earlier-fixed member at their level can give
 * all remaining members more than `level`, and the members in `fixed` (the ones with positive
 * weight) get exactly `level`. The bound is proven by per-member dual weights and the multipliers of
 * a relaxation of "a panel meets the quotas" (α for Σ = k, one per quota, in opening.quotas order).
 */
export interface CertificateRound {
  level: number;
  fixed: string[];
  weights: Record<string, number>;
  alpha: number;
  quotaDuals: number[];
}

export interface LeximinCertificate {
  rounds: CertificateRound[];
}

/** A uniform lottery over M tickets: panel i is printed on counts[i] of them. */
export interface Lottery {
  M: number;
  panels: string[][];
  counts: number[];
}

/** A value a party adds to the seed after the server's commitment is published. */
export interface Contribution {
  by: string;
  value: string;
}

/** A resident removed from the pool before the snapshot (e.g. a party to the dispute). */
export interface Exclusion {
  id: string;
  reason: string;
}

/** A juror struck from the panel at the hearing and the alternate who took the seat. */
export interface Challenge {
  by: string;
  juror: string;
  reason: string;
  replacement: string;
}

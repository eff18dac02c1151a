/**
 * Column generation's pricing step for LEXIMIN: given a weight per type, find a panel composition
 * (seats per type) meeting every quota whose total weight is largest. The exact ILP (HiGHS) both finds
 * the most violated column and proves when none is left. (A local-search shortcut was tried: its
 * weaker columns doubled the number of LP rounds and made the whole solve slower.)
 */
import type { Highs, Model } from "highs";
import { hasFeature, quotaCategories } from "./quotas";
import type { PoolMember, Quota } from "./types";

/** Residents with the same features on every quota category. */
export interface MemberType {
  /** Ids in ascending code-unit order, so realisation does not depend on input order. */
  members: string[];
  /** Per quota category (in quotaCategories order), the index of the quota this type counts towards. */
  quotaByCategory: number[];
}

/** Seats per type, in type order. */
export type Composition = number[];

export function groupTypes(pool: PoolMember[], quotas: Quota[]): MemberType[] {
  const categories = quotaCategories(quotas);
  const byKey = new Map<string, PoolMember[]>();
  for (const m of pool) {
    const key = JSON.stringify(categories.map((c) => m.features[c]));
    byKey.set(key, [...(byKey.get(key) ?? []), m]);
  }
  return [...byKey.keys()].sort().map((key) => {
    const members = byKey.get(key) ?? [];
    return {
      members: members.map((m) => m.id).sort(),
      quotaByCategory: categories.map((c) => quotas.findIndex((q) => q.category === c && hasFeature(members[0], q))),
    };
  });
}

const weightOf = (c: Composition, weights: number[]) => c.reduce((s, seats, t) => s + seats * weights[t], 0);

export interface PricingModel {
  /** The composition maximising Σ weight_t · seats_t, or undefined if no panel meets the quotas. */
  best(weights: number[]): { composition: Composition; value: number } | undefined;
  /**
   * A best composition if it is worth more than `threshold`; undefined is a proof that none is
   * (the LP relaxation's bound already shows it, or the ILP's optimum is not above the threshold).
   */
  improving(weights: number[], threshold: number): { composition: Composition; value: number } | undefined;
  /**
   * A good composition found cheaply (branch and bound within HEURISTIC_GAP of the bound, a few dozen
   * nodes), or undefined if none was met. Not a proof of anything: only for seeding columns.
   */
  good(weights: number[]): { composition: Composition; value: number } | undefined;
  /**
   * Multipliers of the LP relaxation's dual (α for Σ seats = k, one per quota) that bound every
   * composition's weight: see docs/draw-spec.md, "Optimality certificate". Either sign convention
   * gives a valid bound (the verifier derives the γ terms), so the tighter one is returned.
   */
  relaxationDuals(weights: number[]): { alpha: number; quotaDuals: number[] };
  dispose(): void;
  /** Solver effort so far: LP relaxations, ILP solves (only when the relaxation was fractional), seconds. */
  readonly stats: { relaxations: number; ilps: number; seconds: number };
}

/**
 * The exact pricing ILP: seats_t ∈ {0..|type t|}, Σ seats = k, every quota bounds the seats of its
 * types. Both models stay in memory; only the objective changes between solves.
 *
 * Each solve first runs the LP relaxation (a warm-started simplex, well under a millisecond): its
 * optimum bounds the ILP's, so a bound at or below the threshold proves that no improving
 * composition exists, and an integral optimum is the ILP's optimum. Only a fractional relaxation
 * above the threshold goes to HiGHS's branch and bound, whose fixed set-up cost (~30–70 ms per call
 * in WebAssembly, even for one node) was 90% of the solve time on pools with many types.
 */
/** Branch-and-bound nodes per pricing solve before handing the problem to HiGHS's ILP solver. */
const NODE_LIMIT = 2000;
/** The heuristic `good` stops within this relative gap or after this many nodes. */
const HEURISTIC_GAP = 1e-2;
const HEURISTIC_NODE_LIMIT = 50;
/** A seat count this close to an integer counts as integral. */
const INTEGRALITY_EPS = 1e-9;
/** A node whose bound exceeds the incumbent by no more than this cannot improve on it. */
const PRUNE_EPS = 1e-12;

export function createPricingModel(highs: Highs, types: MemberType[], quotas: Quota[], k: number): PricingModel {
  const T = types.length;
  const all = types.map((_, i) => i);
  const build = (integer: boolean): Model => {
    const model: Model = highs.createModel();
    model.changeObjectiveSense(highs.constants.objectiveSense.maximize);
    types.forEach((t, i) => {
      model.addVar(0, t.members.length);
      if (integer) model.changeColIntegrality(i, highs.constants.variableType.integer);
    });
    model.addRow(k, k, { indices: all, values: all.map(() => 1) });
    quotas.forEach((q, qi) => {
      const indices = all.filter((i) => types[i].quotaByCategory.includes(qi));
      model.addRow(q.min, q.max, { indices, values: indices.map(() => 1) });
    });
    return model;
  };
  const ilp = build(true);
  // Measured on n = 400: presolve, symmetry detection and a large cut pool cost more than they
  // save on a model this small (one integer per type, one row per quota).
  ilp.options.set({
    output_flag: false,
    presolve: "off",
    mip_detect_symmetry: false,
    mip_rel_gap: 0,
    mip_abs_gap: 0,
    mip_feasibility_tolerance: 1e-9,
    mip_lp_age_limit: 1,
    mip_pool_soft_limit: 10,
  });
  const relaxation = build(false);
  relaxation.options.set({
    output_flag: false,
    presolve: "off",
    primal_feasibility_tolerance: 1e-10,
    dual_feasibility_tolerance: 1e-10,
  });

  /** Integer check of a composition against Σ = k, type sizes and every quota. */
  const isFeasible = (c: Composition): boolean => {
    if (c.reduce((a, b) => a + b, 0) !== k) return false;
    if (c.some((x, t) => x < 0 || x > types[t].members.length)) return false;
    return quotas.every((q, qi) => {
      const seats = c.reduce((sum, x, t) => (types[t].quotaByCategory.includes(qi) ? sum + x : sum), 0);
      return seats >= q.min && seats <= q.max;
    });
  };
  const stats = { relaxations: 0, ilps: 0, seconds: 0 };

  const optimal = highs.constants.modelStatus.optimal;
  const infeasible = highs.constants.modelStatus.infeasible;

  /**
   * Depth-first branch and bound on the warm-started relaxation: branch on the most fractional seat
   * count (nearer side first), prune a node whose LP bound does not beat the incumbent or the
   * threshold. Returns false when the node limit is hit (the caller then asks HiGHS's ILP).
   */
  const branchAndBound = (weights: number[], threshold: number, nodeLimit = NODE_LIMIT, relativeGap = 0) => {
    let incumbent: { composition: Composition; value: number } | undefined;
    let nodes = 0;
    const visit = (): boolean => {
      if (++nodes > nodeLimit) return false;
      const { modelStatus } = relaxation.run();
      stats.relaxations++;
      if (modelStatus === infeasible) return true;
      if (modelStatus !== optimal) return false;
      const bound = relaxation.getObjectiveValue();
      if (bound <= threshold || (incumbent && bound <= incumbent.value * (1 + relativeGap) + PRUNE_EPS)) return true;
      const x = relaxation.getSolution().colValue;
      let branch = -1;
      let fractionality = INTEGRALITY_EPS;
      for (let t = 0; t < T; t++) {
        const f = Math.abs(x[t] - Math.round(x[t]));
        if (f > fractionality) {
          fractionality = f;
          branch = t;
        }
      }
      if (branch < 0) {
        const composition = Array.from(x.subarray(0, T), Math.round);
        if (!isFeasible(composition)) return false;
        const value = weightOf(composition, weights);
        if (!incumbent || value > incumbent.value) incumbent = { composition, value };
        return true;
      }
      const lower = lowerBounds[branch];
      const upper = upperBounds[branch];
      const down = Math.floor(x[branch]);
      const children: [number, number][] = [
        [lower, down],
        [down + 1, upper],
      ];
      if (x[branch] - down > 0.5) children.reverse();
      for (const [lo, hi] of children) {
        lowerBounds[branch] = lo;
        upperBounds[branch] = hi;
        relaxation.changeColBounds(branch, lo, hi);
        const done = visit();
        lowerBounds[branch] = lower;
        upperBounds[branch] = upper;
        relaxation.changeColBounds(branch, lower, upper);
        if (!done) return false;
      }
      return true;
    };
    const complete = visit();
    return { complete, incumbent };
  };
  const lowerBounds = types.map(() => 0);
  const upperBounds = types.map((t) => t.members.length);

  const solve = (weights: number[], threshold: number) => {
    const started = cpuNow();
    try {
      relaxation.changeColsCost({ kind: "range", from: 0, to: T - 1 }, weights);
      const { complete, incumbent } = branchAndBound(weights, threshold);
      if (complete) return incumbent;
      ilp.changeColsCost({ kind: "range", from: 0, to: T - 1 }, weights);
      const { modelStatus } = ilp.run();
      stats.ilps++;
      if (modelStatus === infeasible) return undefined;
      if (modelStatus !== optimal) throw new Error(`pricing ILP ended with HiGHS status ${modelStatus}`);
      const composition = Array.from(ilp.getSolution().colValue.subarray(0, T), Math.round);
      return { composition, value: weightOf(composition, weights) };
    } finally {
      stats.seconds += cpuNow() - started;
    }
  };

  /** The bound a certificate (α, d) proves for per-seat weights: kα + Σ_q d_q·(U_q or L_q) + Σ_t |t|·γ_t. */
  const certifiedBound = (weights: number[], alpha: number, d: number[]) => {
    let bound = k * alpha;
    quotas.forEach((q, qi) => (bound += d[qi] > 0 ? d[qi] * q.max : d[qi] * q.min));
    types.forEach((t, i) => {
      const reduced = weights[i] - alpha - t.quotaByCategory.reduce((s, qi) => s + (qi >= 0 ? d[qi] : 0), 0);
      if (reduced > 0) bound += reduced * t.members.length;
    });
    return bound;
  };

  return {
    best: (weights) => solve(weights, -Infinity),
    relaxationDuals(weights) {
      relaxation.changeColsCost({ kind: "range", from: 0, to: T - 1 }, weights);
      const { modelStatus } = relaxation.run();
      if (modelStatus !== optimal) throw new Error(`pricing relaxation ended with HiGHS status ${modelStatus}`);
      const rowDual = Array.from(relaxation.getSolution().rowDual);
      const candidates = [1, -1].map((sign) => ({ alpha: sign * rowDual[0], quotaDuals: rowDual.slice(1).map((x) => sign * x) }));
      const bounds = candidates.map((c) => certifiedBound(weights, c.alpha, c.quotaDuals));
      return bounds[0] <= bounds[1] ? candidates[0] : candidates[1];
    },
    good(weights) {
      const started = cpuNow();
      relaxation.changeColsCost({ kind: "range", from: 0, to: T - 1 }, weights);
      const { incumbent } = branchAndBound(weights, -Infinity, HEURISTIC_NODE_LIMIT, HEURISTIC_GAP);
      stats.seconds += cpuNow() - started;
      return incumbent;
    },
    improving(weights, threshold) {
      const found = solve(weights, threshold);
      return found && found.value > threshold ? found : undefined;
    },
    stats,
    dispose() {
      ilp.dispose();
      relaxation.dispose();
    },
  };
}

/** Process CPU seconds (benchmark statistics only; wall time is meaningless on a shared machine). */
function cpuNow(): number {
  if (typeof process === "undefined" || typeof process.cpuUsage !== "function") return performance.now() / 1000;
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

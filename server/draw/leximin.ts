/**
 * LEXIMIN panel distribution (Flanigan, Gölz, Gupta, Hennig, Procaccia, Nature 596, 2021):
 * among all probability distributions over quota-satisfying panels, the one that maximises the
 * smallest selection probability, then the second smallest, and so on.
 *
 * Speed comes from symmetry. Quotas only see features, so residents with identical features on the
 * quota categories ("types") are interchangeable; the LEXIMIN vector is unique, hence equal within
 * a type. We therefore run the paper's column generation over panel *compositions* (how many seats
 * each type gets) instead of over sets of people: the pricing ILP has one integer variable per type
 * rather than one binary per person. Compositions are turned back into concrete panels at the end
 * (`realizeComposition`) so that everyone of a type gets exactly the same probability.
 */
import loadHighs, { type Highs } from "highs";
import { type Composition, type MemberType, type PricingModel, createPricingModel, groupTypes } from "./pricing";
import { InfeasibleQuotasError, findQuotaConflicts, validateDrawInput } from "./quotas";
import type { CertificateRound, Distribution, PoolMember, Quota } from "./types";

export interface LeximinOptions {
  /** Abort with LeximinTimeoutError once this much wall-clock time has passed. */
  maxSeconds?: number;
}

export class LeximinTimeoutError extends Error {
  readonly code = "draw.timeout";
  constructor(seconds: number) {
    super(`LEXIMIN did not finish within ${seconds} s`);
    this.name = "LeximinTimeoutError";
  }
}

/** Column generation stops once no new composition improves the dual by more than this. */
const GAP_EPS = 1e-9;
/** A type whose dual weight exceeds this is tight in every optimum and can be fixed. */
const FIX_EPS = 1e-7;
/** How much a fixed probability is relaxed per retry when the dual LP turns unbounded or infeasible. */
const RELAX_EPS = 1e-7;
const RELAX_ATTEMPTS = 5;
/** Multiplicative-weights seeding: rounds per type and the discount for a seated type. */
const MW_ROUNDS_PER_TYPE = 2;
const MW_DISCOUNT = 0.8;
/** Solver tolerances, tighter than HiGHS's defaults so the probabilities are exact to ~1e-9. */
const LP_OPTIONS = {
  output_flag: false,
  // Off so that re-solves after adding a row warm-start from the previous basis.
  presolve: "off",
  primal_feasibility_tolerance: 1e-10,
  dual_feasibility_tolerance: 1e-10,
} as const;

let highsRuntime: Promise<Highs> | undefined;
let highsWasmUrl: string | undefined;
const getHighs = (): Promise<Highs> =>
  (highsRuntime ??= loadHighs(highsWasmUrl ? { locateFile: () => highsWasmUrl as string } : undefined));

/**
 * In a browser (the /verify page's worker) HiGHS's Wasm is fetched from this URL instead of being
 * read next to the package's script, which is how Node loads it.
 */
export function setHighsWasmUrl(url: string): void {
  highsWasmUrl = url;
  highsRuntime = undefined;
}

export async function computeLeximin(
  pool: PoolMember[],
  quotas: Quota[],
  k: number,
  options: LeximinOptions = {},
): Promise<Distribution> {
  const started = performance.now();
  const checkTime = () => {
    if (options.maxSeconds !== undefined && (performance.now() - started) / 1000 > options.maxSeconds) {
      throw new LeximinTimeoutError(options.maxSeconds);
    }
  };
  validateDrawInput(pool, quotas, k);
  const conflicts = findQuotaConflicts(pool, quotas, k);
  if (conflicts.length > 0) throw new InfeasibleQuotasError(conflicts);

  const highs = await getHighs();
  const types = groupTypes(pool, quotas);
  const pricing = createPricingModel(highs, types, quotas, k);
  try {
    const compositions = initialCompositions(pricing, types);
    const stats = { rounds: 0, lpSolves: 0, lpSeconds: 0 };
    const typeRounds: TypeRound[] = [];
    const fixed = leximinProbabilities(highs, types, compositions, pricing, checkTime, stats, typeRounds);
    const weights = finalWeights(highs, types, compositions, fixed);
    const distribution = realizeDistribution(types, compositions, weights, pool);
    const certificate = { rounds: typeRounds.map((r) => memberRound(types, r)) };
    return { ...distribution, certificate, seconds: (performance.now() - started) / 1000, stats: { ...stats, pricingRelaxations: pricing.stats.relaxations, pricingIlps: pricing.stats.ilps, pricingSeconds: pricing.stats.seconds, compositions: compositions.length } };
  } finally {
    pricing.dispose();
  }
}

/**
 * One composition per type that can be seated at all (maximising that type's seats), so every
 * coverable type appears in some column. A type that gets no seat even then can never be selected.
 */
function initialCompositions(pricing: PricingModel, types: MemberType[]): Composition[] {
  const compositions: Composition[] = [];
  for (let t = 0; t < types.length; t++) {
    if (compositions.some((c) => c[t] > 0)) continue;
    const best = pricing.best(types.map((_, i) => (i === t ? 1 : 0)));
    if (!best) {
      throw new InfeasibleQuotasError([{ quotas: [], reason: "no panel satisfies all quotas together" }]);
    }
    if (best.composition[t] > 0) compositions.push(best.composition);
  }
  // As the paper's reference code does, a multiplicative-weights pass seeds a diverse set of
  // compositions up front: each round takes the best composition for the current weights, then
  // discounts the types it seated. Many good columns at once save master LP re-solves later.
  const rounds = MW_ROUNDS_PER_TYPE * types.length;
  const known = new Set(compositions.map((c) => c.join(",")));
  const weights = types.map(() => 1);
  for (let round = 0; round < rounds && compositions.length > 0; round++) {
    const best = pricing.good(weights.map((w, t) => w / types[t].members.length));
    if (!best) continue;
    best.composition.forEach((seats, t) => {
      if (seats > 0) weights[t] *= MW_DISCOUNT ** (seats / types[t].members.length);
    });
    const total = weights.reduce((a, b) => a + b, 0);
    for (let t = 0; t < weights.length; t++) weights[t] *= types.length / total;
    const key = best.composition.join(",");
    if (!known.has(key)) {
      known.add(key);
      compositions.push(best.composition);
    }
  }
  if (compositions.length === 0) {
    // Every type is coverable by some panel unless quotas are infeasible, which `best` reported.
    const best = pricing.best(types.map(() => 0));
    if (best) compositions.push(best.composition);
  }
  return compositions;
}

/** Selection probability of one member of type t under composition c. */
const share = (types: MemberType[], c: Composition, t: number) => c[t] / types[t].members.length;

/**
 * The paper's outer loop. The restricted master LP is kept in primal form, one row per type and one
 * column per composition (λ_c), plus the free column z:
 *   max z  s.t.  Σ_c share(c,t) λ_c − z ≥ 0 (t unfixed),  Σ_c share(c,t) λ_c ≥ p_t (t fixed),  Σ_c λ_c = 1.
 * Its row duals are the paper's dual LP
 *   min ŷ − Σ_{t fixed} p_t y_t   s.t.  Σ_{t unfixed} y_t = 1,  Σ_t share(c,t) y_t ≤ ŷ  ∀ compositions c,  y ≥ 0,
 * whose optimum is the largest achievable minimum probability among unfixed types. Each round adds
 * the composition the pricing ILP finds most violated (a new column: the basis keeps the size of the
 * number of types, and the simplex warm-starts) until none is, then fixes the types with positive
 * dual weight (tight in every optimum) at that minimum. Returns the probability per type.
 */
function leximinProbabilities(
  highs: Highs,
  types: MemberType[],
  compositions: Composition[],
  pricing: PricingModel,
  checkTime: () => void,
  stats: { rounds: number; lpSolves: number; lpSeconds: number },
  rounds: TypeRound[],
): number[] {
  const T = types.length;
  const fixed = new Map<number, number>();
  for (let t = 0; t < T; t++) if (!compositions.some((c) => c[t] > 0)) fixed.set(t, 0);
  if (fixed.size > 0) {
    // Round 0 of the certificate: types no panel can seat get level 0, weighted equally.
    const zero = [...fixed.keys()];
    const y = types.map((_, t) => (fixed.has(t) ? 1 / zero.length : 0));
    const weights = types.map((ty, t) => y[t] / ty.members.length);
    rounds.push({ level: 0, fixed: zero, weights, ...pricing.relaxationDuals(weights) });
  }

  const master = highs.createModel();
  try {
    master.options.set(LP_OPTIONS);
    // Primal simplex: a new column keeps the basis primal feasible, so re-solves start where the last ended.
    master.options.set({ simplex_strategy: 4 });
    master.changeObjectiveSense(highs.constants.objectiveSense.maximize);
    // Rows 0..T−1: types; row T: Σ λ = 1. Column 0: z.
    for (let t = 0; t < T; t++) master.addRow(fixed.has(t) ? 0 : 0, highs.infinity, { indices: [], values: [] });
    master.addRow(1, 1, { indices: [], values: [] });
    const unfixed = [...Array(T).keys()].filter((t) => !fixed.has(t));
    master.addCol(1, -highs.infinity, highs.infinity, { indices: unfixed, values: unfixed.map(() => -1) });
    const known = new Set<string>();
    const addComposition = (c: Composition) => {
      known.add(c.join(","));
      const indices = [...Array(T).keys()].filter((t) => c[t] > 0);
      master.addCol(0, 0, highs.infinity, {
        indices: [...indices, T],
        values: [...indices.map((t) => share(types, c, t)), 1],
      });
    };
    compositions.forEach(addComposition);

    while (fixed.size < T) {
      checkTime();
      const lpStart = cpuNow();
      let { modelStatus } = master.run();
      stats.lpSolves++;
      stats.lpSeconds += cpuNow() - lpStart;
      // After fixing probabilities, float noise can leave the LP infeasible (HiGHS status 10 and
      // kin on pools of ~300 types in the dual form). As the paper's reference code does, relax every
      // fixed probability by a small ε and re-solve, a few times, instead of failing the draw.
      for (let attempt = 1; modelStatus !== highs.constants.modelStatus.optimal && attempt <= RELAX_ATTEMPTS && fixed.size > 0; attempt++) {
        for (const [t, value] of fixed) {
          const relaxed = Math.max(0, value - RELAX_EPS * attempt);
          fixed.set(t, relaxed);
          master.changeRowBounds(t, relaxed, highs.infinity);
        }
        ({ modelStatus } = master.run());
      }
      if (modelStatus !== highs.constants.modelStatus.optimal) {
        throw new Error(`LEXIMIN master LP ended with HiGHS status ${modelStatus}`);
      }
      const value = Math.max(0, master.getObjectiveValue());
      // HiGHS reports row duals of a maximisation with the sign of ∂objective/∂bound: ≤ 0 on the
      // ≥ rows. y_t ≥ 0 in the paper's dual; ŷ follows from strong duality.
      const rowDual = master.getSolution().rowDual;
      const y = types.map((_, t) => Math.max(0, -rowDual[t]));
      let yHat = value;
      for (const [t, p] of fixed) yHat += p * y[t];
      const weights = types.map((t, i) => y[i] / t.members.length);
      const best = pricing.improving(weights, yHat + GAP_EPS);
      if (best && !known.has(best.composition.join(","))) {
        compositions.push(best.composition);
        addComposition(best.composition);
        continue;
      }
      // No composition is missing: the LP optimum is the maximin value for the unfixed types.
      stats.rounds++;
      const tight = [...Array(T).keys()].filter((t) => !fixed.has(t) && y[t] > FIX_EPS);
      // The certificate keeps this round's dual weights, without the negligible ones on types that
      // stay unfixed (dropping weight only lowers the bound, so it stays valid).
      const roundWeights = weights.map((w, t) => (fixed.has(t) || y[t] > FIX_EPS ? w : 0));
      rounds.push({ level: value, fixed: tight, weights: roundWeights, ...pricing.relaxationDuals(roundWeights) });
      for (const t of tight) {
        fixed.set(t, value);
        master.changeCoefficient(t, 0, 0);
        master.changeRowBounds(t, value, highs.infinity);
      }
    }
  } finally {
    master.dispose();
  }
  return types.map((_, t) => fixed.get(t) ?? 0);
}

interface TypeRound {
  level: number;
  fixed: number[];
  /** Per-seat dual weight of each type. */
  weights: number[];
  alpha: number;
  quotaDuals: number[];
}

/** A round in members' terms: every member of a type carries the type's per-seat weight. */
function memberRound(types: MemberType[], r: TypeRound): CertificateRound {
  const weights: Record<string, number> = {};
  types.forEach((t, i) => {
    if (r.weights[i] > 0) for (const id of t.members) weights[id] = r.weights[i];
  });
  return {
    level: r.level,
    fixed: r.fixed.flatMap((t) => types[t].members).sort(),
    weights,
    alpha: r.alpha,
    quotaDuals: r.quotaDuals,
  };
}

/**
 * A distribution over the generated compositions attaining the fixed probabilities. As in the paper,
 * it minimises the largest shortfall ε so floating-point noise cannot make the LP infeasible.
 */
function finalWeights(highs: Highs, types: MemberType[], compositions: Composition[], target: number[]): number[] {
  const model = highs.createModel();
  try {
    model.options.set(LP_OPTIONS);
    const C = compositions.length;
    for (let c = 0; c < C; c++) model.addVar(0, highs.infinity);
    model.addVar(0, highs.infinity);
    model.changeColCost(C, 1);
    const all = [...Array(C).keys()];
    model.addRow(1, 1, { indices: all, values: all.map(() => 1) });
    types.forEach((_, t) => {
      const indices = all.filter((c) => compositions[c][t] > 0);
      model.addRow(target[t], highs.infinity, {
        indices: [...indices, C],
        values: [...indices.map((c) => share(types, compositions[c], t)), 1],
      });
    });
    const { modelStatus } = model.run();
    if (modelStatus !== highs.constants.modelStatus.optimal) {
      throw new Error(`LEXIMIN final LP ended with HiGHS status ${modelStatus}`);
    }
    // Clip solver noise and renormalise so the weights are a probability distribution.
    const raw = Array.from(model.getSolution().colValue.slice(0, C), (x) => (x > 1e-12 ? x : 0));
    const total = raw.reduce((s, x) => s + x, 0);
    return raw.map((x) => x / total);
  } finally {
    model.dispose();
  }
}

/**
 * Concrete panels for one composition such that each member of type t is chosen with probability
 * exactly seats_t / |t| (systematic sampling with one shared offset u ∈ [0, 1)): member j of a type
 * owns the interval [j·s/n, (j+1)·s/n) of [0, s), and the panel for offset u takes the owners of
 * u, u+1, …, u+s−1. Each interval has length ≤ 1, so that is s distinct members, and member j is
 * chosen for a share s/n of offsets. The panel only changes where some u + m hits an interval end,
 * i.e. at multiples of 1/d with d = n / gcd(n, s), so there are few distinct panels.
 */
function realizeComposition(types: MemberType[], c: Composition): { panel: string[]; weight: number }[] {
  const breakpoints = new Map<string, number>([["0/1", 0]]);
  types.forEach((t, i) => {
    if (c[i] === 0) return;
    const d = t.members.length / gcd(t.members.length, c[i]);
    for (let j = 1; j < d; j++) {
      const g = gcd(j, d);
      breakpoints.set(`${j / g}/${d / g}`, j / d);
    }
  });
  const points = [...breakpoints.values()].sort((a, b) => a - b);
  return points.map((start, s) => {
    const end = s + 1 < points.length ? points[s + 1] : 1;
    const u = (start + end) / 2;
    const panel = types.flatMap((t, i) => {
      const n = t.members.length;
      return Array.from({ length: c[i] }, (_, m) => t.members[Math.floor(((u + m) * n) / c[i])]);
    });
    return { panel: panel.sort(), weight: end - start };
  });
}

function realizeDistribution(
  types: MemberType[],
  compositions: Composition[],
  weights: number[],
  pool: PoolMember[],
): Omit<Distribution, "seconds" | "certificate"> {
  const panels: string[][] = [];
  const panelWeights: number[] = [];
  compositions.forEach((c, i) => {
    if (weights[i] === 0) return;
    for (const { panel, weight } of realizeComposition(types, c)) {
      panels.push(panel);
      panelWeights.push(weights[i] * weight);
    }
  });
  const probabilities: Record<string, number> = Object.fromEntries(pool.map((m) => [m.id, 0]));
  panels.forEach((panel, i) => {
    for (const id of panel) probabilities[id] += panelWeights[i];
  });
  return { panels, weights: panelWeights, probabilities };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Process CPU seconds (benchmark statistics only; wall time is meaningless on a shared machine). */
function cpuNow(): number {
  if (typeof process === "undefined" || typeof process.cpuUsage !== "function") return performance.now() / 1000;
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

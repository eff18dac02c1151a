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
  dispose(): void;
}

/**
 * The exact pricing ILP: seats_t ∈ {0..|type t|}, Σ seats = k, every quota bounds the seats of its
 * types. The model stays in memory; only the objective changes between solves.
 */
export function createPricingModel(highs: Highs, types: MemberType[], quotas: Quota[], k: number): PricingModel {
  const model: Model = highs.createModel();
  // Measured on n = 400: presolve, symmetry detection and a large cut pool cost more than they
  // save on a model this small (one integer per type, one row per quota).
  model.options.set({
    output_flag: false,
    presolve: "off",
    mip_detect_symmetry: false,
    mip_rel_gap: 0,
    mip_abs_gap: 0,
    mip_feasibility_tolerance: 1e-9,
    mip_lp_age_limit: 1,
    mip_pool_soft_limit: 10,
  });
  model.changeObjectiveSense(highs.constants.objectiveSense.maximize);
  types.forEach((t, i) => {
    model.addVar(0, t.members.length);
    model.changeColIntegrality(i, highs.constants.variableType.integer);
  });
  const all = types.map((_, i) => i);
  model.addRow(k, k, { indices: all, values: all.map(() => 1) });
  quotas.forEach((q, qi) => {
    const indices = all.filter((i) => types[i].quotaByCategory.includes(qi));
    model.addRow(q.min, q.max, { indices, values: indices.map(() => 1) });
  });
  return {
    best(weights) {
      model.changeColsCost({ kind: "range", from: 0, to: types.length - 1 }, weights);
      const { modelStatus } = model.run();
      if (modelStatus === highs.constants.modelStatus.infeasible) return undefined;
      if (modelStatus !== highs.constants.modelStatus.optimal) {
        throw new Error(`pricing ILP ended with HiGHS status ${modelStatus}`);
      }
      const composition = Array.from(model.getSolution().colValue, Math.round);
      return { composition, value: weightOf(composition, weights) };
    },
    dispose: () => model.dispose(),
  };
}

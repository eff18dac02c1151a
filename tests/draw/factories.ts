/**
 * Draw instances built in code, shared by the tests and bench/draw.ts. (The paper's data files are
 * GPL and live outside the repo, so nothing here reads them.)
 */
import type { PoolMember, Quota } from "../../server/draw/types";

/**
 * example_small_20 from the paper (SI §S6, "Alternate(200, 20)"): 1 female/conservative,
 * 99 female/liberal, 100 male/conservative; every feature 9..20 of k = 20. LEXIMIN gives everyone 10%.
 */
export function exampleSmall20(): { pool: PoolMember[]; quotas: Quota[]; k: number } {
  const pool: PoolMember[] = [{ id: "0", features: { gender: "female", leaning: "conservative" } }];
  for (let i = 1; i < 100; i++) pool.push({ id: String(i), features: { gender: "female", leaning: "liberal" } });
  for (let i = 100; i < 200; i++) pool.push({ id: String(i), features: { gender: "male", leaning: "conservative" } });
  const quotas = ["gender:female", "gender:male", "leaning:liberal", "leaning:conservative"].map((s) => {
    const [category, feature] = s.split(":");
    return { category, feature, min: 9, max: 20 };
  });
  return { pool, quotas, k: 20 };
}

/** mulberry32: a tiny seeded PRNG, so synthetic pools are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface CategorySpec {
  name: string;
  /** feature → [share in the population, share among volunteers in the pool] */
  features: Record<string, [number, number]>;
}

/**
 * Like real sign-up pools, volunteers skew older and more educated than the population the quotas
 * follow, which is what makes some residents hard to seat.
 */
const CATEGORIES: CategorySpec[] = [
  { name: "gender", features: { female: [0.51, 0.56], male: [0.49, 0.44] } },
  { name: "age", features: { "18-29": [0.2, 0.1], "30-44": [0.26, 0.2], "45-59": [0.26, 0.32], "60+": [0.28, 0.38] } },
  {
    name: "district",
    features: { east: [0.24, 0.3], west: [0.22, 0.2], north: [0.2, 0.22], south: [0.18, 0.16], centre: [0.16, 0.12] },
  },
  { name: "education", features: { primary: [0.25, 0.12], secondary: [0.45, 0.4], tertiary: [0.3, 0.48] } },
];

/**
 * A pool of n with the first `categories` categories above and quotas floor(share·k)..floor(share·k)+1
 * per feature (population shares), as a community office would set them.
 */
export function syntheticInstance(
  n: number,
  k: number,
  categories: number,
  seed = 1,
): { pool: PoolMember[]; quotas: Quota[]; k: number } {
  const random = prng(seed);
  const specs = CATEGORIES.slice(0, categories);
  const pick = (spec: CategorySpec): string => {
    let r = random();
    const entries = Object.entries(spec.features);
    for (const [feature, [, poolShare]] of entries) {
      r -= poolShare;
      if (r < 0) return feature;
    }
    return entries[entries.length - 1][0];
  };
  const pool = Array.from({ length: n }, (_, i) => ({
    id: `r${String(i).padStart(4, "0")}`,
    features: Object.fromEntries(specs.map((s) => [s.name, pick(s)])),
  }));
  const quotas = specs.flatMap((s) =>
    Object.entries(s.features).map(([feature, [share]]) => {
      const min = Math.floor(share * k);
      return { category: s.name, feature, min, max: min + 1 };
    }),
  );
  return { pool, quotas, k };
}

/** Five categories, 2·5·6·4·3 = 720 feature combinations, for pools with many distinct types. */
const WIDE_CATEGORIES: CategorySpec[] = [
  { name: "gender", features: { female: [0.51, 0.56], male: [0.49, 0.44] } },
  {
    name: "age",
    features: { "18-29": [0.18, 0.1], "30-44": [0.24, 0.18], "45-59": [0.24, 0.28], "60-74": [0.22, 0.3], "75+": [0.12, 0.14] },
  },
  {
    name: "district",
    features: {
      east: [0.2, 0.26],
      west: [0.18, 0.16],
      north: [0.17, 0.2],
      south: [0.16, 0.14],
      centre: [0.15, 0.12],
      riverside: [0.14, 0.12],
    },
  },
  {
    name: "education",
    features: { primary: [0.22, 0.1], secondary: [0.4, 0.36], vocational: [0.14, 0.16], tertiary: [0.24, 0.38] },
  },
  { name: "housing", features: { owner: [0.6, 0.7], renter: [0.32, 0.24], public: [0.08, 0.06] } },
];

/**
 * A pool of n with exactly `types` distinct feature combinations (types) over the five categories
 * above, for benchmarking many-type pools. The first six types cover every feature (so every quota
 * can be met); the rest are drawn with the volunteers' skew, and each type has at least one member.
 * Quotas are floor(share·k)..floor(share·k)+1 per feature, population shares.
 */
export function manyTypeInstance(
  n: number,
  k: number,
  types: number,
  seed = 1,
): { pool: PoolMember[]; quotas: Quota[]; k: number } {
  if (types > n || types > 720) throw new Error(`cannot build ${types} types from n = ${n}`);
  const random = prng(seed);
  const entries = WIDE_CATEGORIES.map((s) => Object.entries(s.features));
  const pickIndex = (features: [string, [number, number]][]): number => {
    let r = random();
    for (let i = 0; i < features.length; i++) {
      r -= features[i][1][1];
      if (r < 0) return i;
    }
    return features.length - 1;
  };
  const chosen = new Map<string, number[]>();
  for (let i = 0; i < 6; i++) {
    const combo = entries.map((f) => i % f.length);
    chosen.set(combo.join(","), combo);
  }
  while (chosen.size < types) {
    const combo = entries.map(pickIndex);
    chosen.set(combo.join(","), combo);
  }
  const combos = [...chosen.values()].slice(0, types);
  // Later members join types in proportion to the type's volunteer share.
  const share = combos.map((c) => c.reduce((p, f, i) => p * entries[i][f][1][1], 1));
  const total = share.reduce((s, x) => s + x, 0);
  const typeOf = (): number => {
    let r = random() * total;
    for (let t = 0; t < combos.length; t++) {
      r -= share[t];
      if (r < 0) return t;
    }
    return combos.length - 1;
  };
  const pool = Array.from({ length: n }, (_, i) => {
    const combo = combos[i < types ? i : typeOf()];
    return {
      id: `r${String(i).padStart(4, "0")}`,
      features: Object.fromEntries(WIDE_CATEGORIES.map((s, c) => [s.name, entries[c][combo[c]][0]])),
    };
  });
  const quotas = WIDE_CATEGORIES.flatMap((s) =>
    Object.entries(s.features).map(([feature, [populationShare]]) => {
      const min = Math.floor(populationShare * k);
      return { category: s.name, feature, min, max: min + 1 };
    }),
  );
  return { pool, quotas, k };
}

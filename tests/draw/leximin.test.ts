import loadHighs from "highs";
import { describe, expect, it } from "vitest";
import { computeLeximin } from "../../server/draw/leximin";
import { InfeasibleQuotasError, firstQuotaViolation } from "../../server/draw/quotas";
import type { PoolMember, Quota } from "../../server/draw/types";
import { exampleSmall20, manyTypeInstance, syntheticInstance } from "./factories";

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("computeLeximin", () => {
  it("gives everyone exactly 10% on the paper's example_small_20", async () => {
    const { pool, quotas, k } = exampleSmall20();
    const d = await computeLeximin(pool, quotas, k);
    const p = Object.values(d.probabilities);
    expect(p).toHaveLength(200);
    expect(Math.min(...p)).toBeCloseTo(0.1, 6);
    expect(Math.max(...p)).toBeCloseTo(0.1, 6);
    expect(sum(p)).toBeCloseTo(k, 6);
    expect(sum(d.weights)).toBeCloseTo(1, 9);
  });

  it.each([
    [60, 8, 2],
    [100, 10, 3],
    [120, 10, 4],
  ])("returns only valid panels on a synthetic pool (n=%i, k=%i, %i categories)", async (n, k, c) => {
    const { pool, quotas } = syntheticInstance(n, k, c, n);
    const d = await computeLeximin(pool, quotas, k);
    const byId = new Map(pool.map((m) => [m.id, m]));
    for (const panel of d.panels) {
      expect(new Set(panel).size).toBe(k);
      expect(firstQuotaViolation(panel.map((id) => byId.get(id) as PoolMember), quotas)).toBeUndefined();
    }
    expect(sum(Object.values(d.probabilities))).toBeCloseTo(k, 6);
  });

  it("is deterministic for the same input", async () => {
    const { pool, quotas, k } = syntheticInstance(120, 12, 3, 5);
    const a = await computeLeximin(pool, quotas, k);
    const b = await computeLeximin([...pool].reverse(), quotas, k);
    expect(b.panels).toEqual(a.panels);
    expect(b.weights).toEqual(a.weights);
  });

  it("matches a brute-force maximin over every panel on a tiny pool", async () => {
    const { pool, quotas } = syntheticInstance(11, 4, 2, 3);
    const d = await computeLeximin(pool, quotas, 4);
    expect(Math.min(...Object.values(d.probabilities))).toBeCloseTo(await bruteForceMaximin(pool, quotas, 4), 6);
  });

  it.each([
    [14, 4, 12, 8],
    [16, 4, 14, 7],
    [16, 6, 14, 8],
  ])("equals a brute-force LEXIMIN over every panel, person by person (n=%i, k=%i, %i types)", async (n, k, t, seed) => {
    const { pool, quotas } = manyTypeInstance(n, k, t, seed);
    const d = await computeLeximin(pool, quotas, k);
    const expected = await bruteForceLeximin(pool, quotas, k);
    for (const m of pool) expect(d.probabilities[m.id]).toBeCloseTo(expected[m.id], 6);
  });

  it("gives probability 0 to people who fit on no panel", async () => {
    const pool: PoolMember[] = ["f", "f", "f", "m", "m", "m"].map((g, i) => ({
      id: `p${i}`,
      features: { gender: g, age: i === 0 ? "young" : "old" },
    }));
    const quotas: Quota[] = [
      { category: "gender", feature: "f", min: 1, max: 1 },
      { category: "gender", feature: "m", min: 1, max: 1 },
      { category: "age", feature: "young", min: 0, max: 0 },
      { category: "age", feature: "old", min: 0, max: 2 },
    ];
    const d = await computeLeximin(pool, quotas, 2);
    expect(d.probabilities.p0).toBe(0);
    expect(d.probabilities.p1).toBeCloseTo(0.5, 6);
    expect(d.probabilities.p3).toBeCloseTo(1 / 3, 6);
  });
});

describe("infeasible quotas", () => {
  const pool: PoolMember[] = [
    ...[0, 1].map((i) => ({ id: `f${i}`, features: { gender: "female", leaning: "conservative" } })),
    ...[0, 1, 2, 3, 4].map((i) => ({ id: `m${i}`, features: { gender: "male", leaning: "liberal" } })),
  ];
  const q = (category: string, feature: string, min: number, max: number): Quota => ({ category, feature, min, max });

  it("names a category whose minima exceed k", async () => {
    const quotas = [q("gender", "female", 2, 2), q("gender", "male", 3, 3), q("leaning", "conservative", 0, 4), q("leaning", "liberal", 0, 4)];
    const error = await computeLeximin(pool, quotas, 4).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfeasibleQuotasError);
    expect((error as Error).message).toContain("category gender: the minima sum to 5 > k = 4");
    expect((error as InfeasibleQuotasError).conflicts[0].quotas.map((x) => x.feature)).toEqual(["female", "male"]);
  });

  it("names a category whose maxima fall short of k", async () => {
    const quotas = [q("gender", "female", 0, 1), q("gender", "male", 0, 2), q("leaning", "conservative", 0, 4), q("leaning", "liberal", 0, 4)];
    await expect(computeLeximin(pool, quotas, 4)).rejects.toThrow("category gender: the maxima sum to 3 < k = 4");
  });

  it("names a feature the pool has too few of", async () => {
    const quotas = [q("gender", "female", 3, 4), q("gender", "male", 0, 4), q("leaning", "conservative", 0, 4), q("leaning", "liberal", 0, 4)];
    await expect(computeLeximin(pool, quotas, 4)).rejects.toThrow("gender=female [3..4]: min 3 exceeds the 2 pool member(s)");
  });

  it("reports quotas that only conflict together", async () => {
    // Two conservatives are needed and both are female, but only one female seat exists.
    const quotas = [q("gender", "female", 1, 1), q("gender", "male", 3, 3), q("leaning", "conservative", 2, 2), q("leaning", "liberal", 2, 2)];
    await expect(computeLeximin(pool, quotas, 4)).rejects.toThrow("no panel satisfies all quotas together");
  });
});

/** max z s.t. every person's probability ≥ z, over all quota-satisfying panels, by enumeration. */
async function bruteForceMaximin(pool: PoolMember[], quotas: Quota[], k: number): Promise<number> {
  const panels: PoolMember[][] = [];
  const choose = (start: number, chosen: PoolMember[]) => {
    if (chosen.length === k) {
      if (!firstQuotaViolation(chosen, quotas)) panels.push(chosen);
      return;
    }
    for (let i = start; i < pool.length; i++) choose(i + 1, [...chosen, pool[i]]);
  };
  choose(0, []);
  const lines = pool.map((m, i) => {
    const terms = panels.flatMap((p, j) => (p.includes(m) ? [`x${j}`] : []));
    return ` c${i}: ${terms.length ? terms.join(" + ") : "0 x0"} - z >= 0`;
  });
  const lp = `Maximize\n obj: z\nSubject To\n sum: ${panels.map((_, j) => `x${j}`).join(" + ")} = 1\n${lines.join("\n")}\nEnd`;
  const result = (await loadHighs()).solve(lp, { output_flag: false });
  return result.ObjectiveValue;
}

/**
 * LEXIMIN by enumeration, without column generation or types: maximise the minimum over people not
 * yet fixed; fix every person who cannot get more than that minimum while all constraints so far
 * hold (one LP per person); repeat.
 */
async function bruteForceLeximin(pool: PoolMember[], quotas: Quota[], k: number): Promise<Record<string, number>> {
  const highs = await loadHighs();
  const panels: number[][] = [];
  const choose = (start: number, chosen: number[]) => {
    if (chosen.length === k) {
      if (!firstQuotaViolation(chosen.map((i) => pool[i]), quotas)) panels.push(chosen);
      return;
    }
    for (let i = start; i < pool.length; i++) choose(i + 1, [...chosen, i]);
  };
  choose(0, []);
  const covering = pool.map((_, i) => panels.flatMap((p, j) => (p.includes(i) ? [`x${j}`] : [])));
  const sumOf = (i: number) => (covering[i].length ? covering[i].join(" + ") : "0 x0");
  const fixed = new Map<number, number>();
  const constraints = (z: string) => [
    ` sum: ${panels.map((_, j) => `x${j}`).join(" + ")} = 1`,
    ...pool.map((_, i) =>
      fixed.has(i) ? ` c${i}: ${sumOf(i)} >= ${(fixed.get(i) as number) - 1e-9}` : ` c${i}: ${sumOf(i)} - ${z} >= 0`,
    ),
  ];
  const solve = (objective: string, rows: string[]) =>
    highs.solve(`Maximize\n obj: ${objective}\nSubject To\n${rows.join("\n")}\nEnd`, { output_flag: false }).ObjectiveValue;
  while (fixed.size < pool.length) {
    const z = solve("z", constraints("z"));
    const atZ = constraints("z").map((row) => row.replace(/ - z >= 0$/, ` >= ${z - 1e-9}`));
    const newlyFixed = pool.flatMap((_, i) => (!fixed.has(i) && solve(sumOf(i), atZ) <= z + 1e-7 ? [i] : []));
    for (const i of newlyFixed) fixed.set(i, z);
    if (newlyFixed.length === 0) throw new Error("brute-force LEXIMIN made no progress");
  }
  return Object.fromEntries(pool.map((m, i) => [m.id, fixed.get(i) as number]));
}

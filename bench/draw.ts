/**
 * LEXIMIN draw benchmark:  npm run bench:draw [-- --json]
 * Instances are built in code (the paper's example_small_20 / example_large_200 and seeded synthetic
 * pools), so the figures are reproducible on any machine. Each case is capped at MAX_SECONDS.
 * `--only=many-types` runs just issue 11's many-type pools.
 */
import { computeLeximin, LeximinTimeoutError } from "../server/draw/leximin";
import { buildLottery, lotteryMarginals } from "../server/draw/lottery";
import type { PoolMember, Quota } from "../server/draw/types";
import { loadavg } from "node:os";
import { groupTypes } from "../server/draw/pricing";
import { exampleSmall20, manyTypeInstance, syntheticInstance } from "../tests/draw/factories";

/** Wall-clock cap per case; generous because the machine is shared (the CPU column is the fair one). */
const MAX_SECONDS = 180;

interface Case {
  name: string;
  build: () => { pool: PoolMember[]; quotas: Quota[]; k: number };
  categories: number;
}

/** example_large_200 (paper, Methods M8): example_small_20 scaled tenfold, quotas 99..200. */
function exampleLarge200() {
  const pool: PoolMember[] = [{ id: "0", features: { gender: "female", leaning: "conservative" } }];
  for (let i = 1; i < 1000; i++) pool.push({ id: String(i), features: { gender: "female", leaning: "liberal" } });
  for (let i = 1000; i < 2000; i++) pool.push({ id: String(i), features: { gender: "male", leaning: "conservative" } });
  const quotas = exampleSmall20().quotas.map((q) => ({ ...q, min: 99, max: 200 }));
  return { pool, quotas, k: 200 };
}

const CASES: Case[] = [
  { name: "example_small_20", build: exampleSmall20, categories: 2 },
  { name: "example_large_200", build: exampleLarge200, categories: 2 },
  ...[100, 200, 400].flatMap((n) =>
    [3, 4].map((c) => ({ name: `synthetic`, build: () => syntheticInstance(n, 15, c), categories: c })),
  ),
  { name: "synthetic", build: () => syntheticInstance(400, 40, 4), categories: 4 },
  // Issue 11's many-type pools: exactly 50/150/300/400 distinct feature combinations.
  ...[
    [400, 15],
    [1000, 40],
  ].flatMap(([n, k]) =>
    [50, 150, 300, 400].map((types) => ({
      name: `many-types`,
      build: () => manyTypeInstance(n, k, types),
      categories: 5,
    })),
  ),
];

interface Row {
  instance: string;
  n: number;
  k: number;
  categories: number;
  types: number;
  min_probability: number | null;
  seconds: number | null;
  cpu_seconds: number | null;
  master_lps: number | null;
  pricing_lps: number | null;
  pricing_ilps: number | null;
  support_panels: number | null;
  lottery_max_deviation: number | null;
}

async function run(c: Case): Promise<Row> {
  const { pool, quotas, k } = c.build();
  const base = { instance: c.name, n: pool.length, k, categories: c.categories, types: groupTypes(pool, quotas).length };
  try {
    const cpu = process.cpuUsage();
    const d = await computeLeximin(pool, quotas, k, { maxSeconds: MAX_SECONDS });
    const used = process.cpuUsage(cpu);
    const lottery = buildLottery(d);
    const marginals = lotteryMarginals(lottery, pool.map((m) => m.id));
    return {
      ...base,
      min_probability: Math.min(...Object.values(d.probabilities)),
      seconds: d.seconds,
      cpu_seconds: (used.user + used.system) / 1e6,
      master_lps: d.stats?.lpSolves ?? null,
      pricing_lps: d.stats?.pricingRelaxations ?? null,
      pricing_ilps: d.stats?.pricingIlps ?? null,
      support_panels: d.panels.length,
      lottery_max_deviation: Math.max(...pool.map((m) => Math.abs(marginals[m.id] - d.probabilities[m.id]))),
    };
  } catch (e) {
    if (!(e instanceof LeximinTimeoutError)) throw e;
    return {
      ...base,
      min_probability: null,
      seconds: null,
      cpu_seconds: null,
      master_lps: null,
      pricing_lps: null,
      pricing_ilps: null,
      support_panels: null,
      lottery_max_deviation: null,
    };
  }
}

async function main(): Promise<void> {
  const json = process.argv.includes("--json");
  const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
  const rows: Row[] = [];
  const loadStart = loadavg().map((x) => x.toFixed(2)).join(" ");
  for (const c of CASES) if (!only || c.name === only) rows.push(await run(c));
  const loadEnd = loadavg().map((x) => x.toFixed(2)).join(" ");
  if (json) {
    console.log(JSON.stringify({ load_start: loadStart, load_end: loadEnd, rows }));
    return;
  }
  console.log(`load average (1/5/15 min) at start ${loadStart}, at end ${loadEnd}\n`);
  const fmt = (x: number | null, digits: number) => (x === null ? `> ${MAX_SECONDS} s` : x.toFixed(digits));
  console.log(
    "| instance | n | k | categories | types | min probability | seconds (wall) | CPU seconds | master LPs | pricing LPs | pricing ILPs | panels in support | max lottery deviation |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const r of rows) {
    const deviation = r.lottery_max_deviation === null ? "" : r.lottery_max_deviation.toExponential(1);
    console.log(
      `| ${r.instance} | ${r.n} | ${r.k} | ${r.categories} | ${r.types} | ${fmt(r.min_probability, 4)} | ${fmt(r.seconds, 2)} | ${fmt(r.cpu_seconds, 2)} | ${r.master_lps ?? ""} | ${r.pricing_lps ?? ""} | ${r.pricing_ilps ?? ""} | ${r.support_panels ?? ""} | ${deviation} |`,
    );
  }
}

await main();

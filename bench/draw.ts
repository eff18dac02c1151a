/**
 * LEXIMIN draw benchmark:  npm run bench:draw [-- --json]
 * Instances are built in code (the paper's example_small_20 / example_large_200 and seeded synthetic
 * pools), so the figures are reproducible on any machine. Each case is capped at MAX_SECONDS.
 */
import { computeLeximin, LeximinTimeoutError } from "../server/draw/leximin";
import { buildLottery, lotteryMarginals } from "../server/draw/lottery";
import type { PoolMember, Quota } from "../server/draw/types";
import { exampleSmall20, syntheticInstance } from "../tests/draw/factories";

const MAX_SECONDS = 60;

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
];

interface Row {
  instance: string;
  n: number;
  k: number;
  categories: number;
  min_probability: number | null;
  seconds: number | null;
  support_panels: number | null;
  lottery_max_deviation: number | null;
}

async function run(c: Case): Promise<Row> {
  const { pool, quotas, k } = c.build();
  const base = { instance: c.name, n: pool.length, k, categories: c.categories };
  try {
    const d = await computeLeximin(pool, quotas, k, { maxSeconds: MAX_SECONDS });
    const lottery = buildLottery(d);
    const marginals = lotteryMarginals(lottery, pool.map((m) => m.id));
    return {
      ...base,
      min_probability: Math.min(...Object.values(d.probabilities)),
      seconds: d.seconds,
      support_panels: d.panels.length,
      lottery_max_deviation: Math.max(...pool.map((m) => Math.abs(marginals[m.id] - d.probabilities[m.id]))),
    };
  } catch (e) {
    if (!(e instanceof LeximinTimeoutError)) throw e;
    return { ...base, min_probability: null, seconds: null, support_panels: null, lottery_max_deviation: null };
  }
}

async function main(): Promise<void> {
  const json = process.argv.includes("--json");
  const rows: Row[] = [];
  for (const c of CASES) rows.push(await run(c));
  if (json) {
    console.log(JSON.stringify(rows));
    return;
  }
  const fmt = (x: number | null, digits: number) => (x === null ? `> ${MAX_SECONDS} s` : x.toFixed(digits));
  console.log("| instance | n | k | categories | min probability | seconds | panels in support | max lottery deviation |");
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const r of rows) {
    const deviation = r.lottery_max_deviation === null ? "" : r.lottery_max_deviation.toExponential(1);
    console.log(
      `| ${r.instance} | ${r.n} | ${r.k} | ${r.categories} | ${fmt(r.min_probability, 4)} | ${fmt(r.seconds, 2)} | ${r.support_panels ?? ""} | ${deviation} |`,
    );
  }
}

await main();

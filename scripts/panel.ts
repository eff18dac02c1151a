/**
 * Draw a panel from sortition-format CSV files with the app's own code:
 *   npm run panel -- --categories categories.csv --respondents respondents.csv --k 20 --seed <hex> [--json]
 * The seed is given directly (no commit–reveal), so anyone can reproduce a draw or study the
 * LEXIMIN probabilities of their own pool.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseCategories, parseRespondents } from "../server/draw/csv";
import { computeLeximin } from "../server/draw/leximin";
import { buildLottery } from "../server/draw/lottery";
import { InfeasibleQuotasError, InvalidDrawInputError, quotaCategories } from "../server/draw/quotas";
import { ALGORITHM } from "../server/draw/record";
import { selectPanel } from "../server/draw/select";

const USAGE = "usage: npm run panel -- --categories C.csv --respondents R.csv --k K --seed HEX [--json]";

class UsageError extends Error {}

function readArgs() {
  const options = {
    categories: { type: "string" },
    respondents: { type: "string" },
    k: { type: "string" },
    seed: { type: "string" },
    json: { type: "boolean", default: false },
  } as const;
  let values: ReturnType<typeof parseArgs<{ options: typeof options }>>["values"];
  try {
    ({ values } = parseArgs({ options }));
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { categories, respondents, k, seed, json } = values;
  if (!categories || !respondents || !k || !seed) throw new UsageError("missing a required option");
  if (!/^\d+$/.test(k)) throw new UsageError(`--k must be a positive integer, got "${k}"`);
  if (!/^[0-9a-f]+$/i.test(seed)) throw new UsageError(`--seed must be hexadecimal, got "${seed}"`);
  return { categories, respondents, k: Number(k), seed: seed.toLowerCase(), json: json ?? false };
}

async function main(): Promise<void> {
  const args = readArgs();
  const quotas = parseCategories(readFileSync(args.categories, "utf8"));
  const pool = parseRespondents(readFileSync(args.respondents, "utf8"), quotas);
  const distribution = await computeLeximin(pool, quotas, args.k);
  const lottery = buildLottery(distribution);
  const { panelIndex, panel } = await selectPanel(args.seed, lottery);
  // Twelve decimals hide solver noise (0.09999999999999845) without hiding any real difference.
  const probabilities = Object.fromEntries(
    Object.entries(distribution.probabilities).map(([id, p]) => [id, Math.round(p * 1e12) / 1e12]),
  );
  const minProbability = Math.min(...Object.values(probabilities));

  if (args.json) {
    console.log(
      JSON.stringify({
        algorithm: ALGORITHM,
        n: pool.length,
        k: args.k,
        seed: args.seed,
        panel,
        probabilities,
        min_probability: minProbability,
        seconds: distribution.seconds,
        support_panels: distribution.panels.length,
        lottery: { M: lottery.M, panels: lottery.panels.length, ticket: panelIndex },
      }),
    );
    return;
  }
  const features = new Map(pool.map((m) => [m.id, m.features]));
  console.log(`LEXIMIN v${ALGORITHM.version}: n = ${pool.length}, k = ${args.k}, ticket ${panelIndex} of ${lottery.M}`);
  console.log(`minimum selection probability ${(minProbability * 100).toFixed(2)}%, computed in ${distribution.seconds.toFixed(2)} s`);
  console.log("");
  console.log(["id", "probability", ...quotaCategories(quotas)].join("\t"));
  for (const id of panel) {
    const f = features.get(id) ?? {};
    console.log([id, `${(probabilities[id] * 100).toFixed(2)}%`, ...quotaCategories(quotas).map((c) => f[c])].join("\t"));
  }
}

main().catch((e: unknown) => {
  if (e instanceof UsageError) {
    console.error(`error: ${e.message}\n${USAGE}`);
    process.exit(2);
  }
  const known = e instanceof InfeasibleQuotasError || e instanceof InvalidDrawInputError;
  const io = e instanceof Error && "code" in e && (e.code === "ENOENT" || e.code === "EISDIR");
  console.error(`error: ${e instanceof Error && (known || io) ? e.message : String(e)}`);
  process.exit(1);
});

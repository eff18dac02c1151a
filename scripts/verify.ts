/**
 * Check a published record:
 *   npm run verify -- [--resolve] [--opening <hash from your receipt>] <record.json | https://…/draw.json>
 * Prints OK (exit 0) or the first mismatch (exit 1). Records say what they are in `kind`: "draw"
 * (docs/draw-spec.md) or "log" (the hash-chained hearing record). --resolve re-solves LEXIMIN from
 * the draw's frozen snapshot and quotas and compares the lottery (fairness, not only arithmetic).
 * Without it, a draw record's LP dual optimality certificate (when present) is checked by arithmetic.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { verifyDrawRecord, type VerifyResult } from "../server/draw/verify-record";
import { verifyDrawRecordResolving } from "../server/draw/verify-resolve";
import { verifyLogRecordJson } from "../server/ledger/verify-log";

const USAGE = "usage: npm run verify -- [--resolve] [--opening HASH] <record.json | http(s)://URL>";

async function load(source: string): Promise<unknown> {
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`${source}: HTTP ${response.status}`);
    return response.json();
  }
  return JSON.parse(await readFile(source, "utf8"));
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { resolve: { type: "boolean", default: false }, opening: { type: "string" } } });
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  const [source, ...extra] = args.positionals;
  if (!source || extra.length) {
    console.error(USAGE);
    return 2;
  }
  if (args.values.opening !== undefined && !/^[0-9a-fA-F]{64}$/.test(args.values.opening)) {
    console.error("--opening must be the 64-hex-digit opening hash printed on a draw receipt");
    return 2;
  }
  let record: unknown;
  try {
    record = await load(source);
  } catch (e) {
    console.error(`cannot read ${source}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const kind = typeof record === "object" && record !== null && "kind" in record ? record.kind : undefined;
  let result: (VerifyResult | { ok: true }) & { exact?: boolean };
  const options = { expectOpening: args.values.opening };
  if (kind === "draw") result = args.values.resolve ? await verifyDrawRecordResolving(record, options) : await verifyDrawRecord(record, options);
  else if (kind === "log") result = await verifyLogRecordJson(record);
  else {
    console.error(`unknown record kind ${JSON.stringify(kind)} (known: draw, log)`);
    return 1;
  }
  if (result.ok) {
    const how = result.exact === true ? " (LEXIMIN re-solved: the lottery is identical)" : result.exact === false ? " (LEXIMIN re-solved: probabilities agree; solver versions differ)" : "";
    const certified = "certified" in result ? result.certified : undefined;
    const proof =
      certified === true
        ? " — LEXIMIN optimality certificate checked (no solver needed)"
        : certified === false
          ? " — WARNING: the record has no optimality certificate; only --resolve checks that the lottery is the fairest one"
          : "";
    console.log(`OK${how}${proof}`);
    return 0;
  }
  console.log(`MISMATCH: ${result.error}`);
  return 1;
}

main().then((code) => process.exit(code));

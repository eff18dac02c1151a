/**
 * Check a published record:  npm run verify -- <record.json | https://…/record.json>
 * Prints OK (exit 0) or the first mismatch (exit 1). Records say what they are in `kind`; each kind
 * has its verifier in VERIFIERS, so e.g. hash-chained hearing logs ("log") can be added beside draws.
 */
import { readFile } from "node:fs/promises";
import { verifyDrawRecord, type VerifyResult } from "../server/draw/verify-record";
import { verifyLogRecordJson } from "../server/ledger/verify-log";

const VERIFIERS = new Map<string, (record: unknown) => Promise<VerifyResult>>([
  ["draw", verifyDrawRecord],
  ["log", verifyLogRecordJson],
]);

async function load(source: string): Promise<unknown> {
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`${source}: HTTP ${response.status}`);
    return response.json();
  }
  return JSON.parse(await readFile(source, "utf8"));
}

async function main(): Promise<number> {
  const source = process.argv[2];
  if (!source || process.argv.length > 3) {
    console.error("usage: npm run verify -- <record.json | http(s)://URL>");
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
  const verify = typeof kind === "string" ? VERIFIERS.get(kind) : undefined;
  if (!verify) {
    console.error(`unknown record kind ${JSON.stringify(kind)} (known: ${[...VERIFIERS.keys()].join(", ")})`);
    return 1;
  }
  const result = await verify(record);
  if (result.ok) {
    console.log("OK");
    return 0;
  }
  console.log(`MISMATCH: ${result.error}`);
  return 1;
}

main().then((code) => process.exit(code));

/**
 * Writes tests/draw/vectors.json (run: npx tsx tests/draw/make-vectors.ts). The file is committed;
 * tests/draw/vectors.test.ts checks the product still reproduces it and that the independent Python
 * verifier agrees. Regenerate only with a protocol version bump.
 */
import { writeFileSync } from "node:fs";
import { canonicalJson } from "../../server/ledger/canonical-json";
import { sha256Hex } from "../../server/draw/hash";
import { drawTicket } from "../../server/draw/lottery";
import { recordChallenge } from "../../server/draw/draw";
import { runDraw } from "./run-draw";

const strings = ["plain", "引号\"与反斜杠\\", "tab\tnewline\ncontrol\u0001", "emoji 🎲 / slash", "\u2028line separator"];
const pool = Array.from({ length: 14 }, (_, i) => ({
  id: `R${(0x1000000000 + i * 7919).toString(16)}`,
  features: { age: ["18-39", "40-64", "65+"][i % 3], gender: i % 2 ? "女" : "男" },
}));
const quotas = [
  { category: "gender", feature: "女", min: 1, max: 2 },
  { category: "gender", feature: "男", min: 1, max: 2 },
  { category: "age", feature: "65+", min: 1, max: 3 },
  { category: "age", feature: "18-39", min: 0, max: 3 },
  { category: "age", feature: "40-64", min: 0, max: 3 },
];

const drawn = await runDraw({
  pool,
  quotas,
  k: 3,
  exclusions: [{ id: pool[13].id, reason: "party" }],
  alternatesCount: 2,
  contributions: [
    { by: "party:1", value: "3 1 4 1 5 9" },
    { by: "party:2", value: null },
  ],
  secret: "0f".repeat(32),
  external: { source: { source: "福彩3D 第2026321期开奖号码", digits: 3, alphabet: "0-9" }, value: "739" },
});
const record = recordChallenge(drawn, { by: "party:2", juror: drawn.panel[0], reason: "邻居" });

const vectors = {
  protocol: "2",
  canonicalJson: await Promise.all(
    [{ b: 1, a: [true, null, "x"] }, ...strings.map((s) => ({ s }))].map(async (value) => ({ value, canonical: canonicalJson(value), sha256: await sha256Hex(canonicalJson(value)) })),
  ),
  tickets: await Promise.all(
    [
      ["00".repeat(32), 1_000_000],
      ["ab".repeat(32), 7],
      [record.seed, 1_000_000],
    ].map(async ([seed, M]) => ({ seed, M, ticket: await drawTicket(seed as string, M as number) })),
  ),
  record,
  expected: {
    openingHash: record.openingHash,
    snapshotHash: record.opening.snapshotHash,
    exclusionsHash: record.opening.exclusionsHash,
    lotteryHash: record.opening.lotteryHash,
    commitment: record.opening.commitment,
    seed: record.seed,
    ticket: record.ticket,
    panel: record.panel,
    alternates: record.alternates,
    replacement: record.challenges[0].replacement,
  },
};
writeFileSync(new URL("./vectors.json", import.meta.url), JSON.stringify(vectors, null, 2) + "\n");
console.log("wrote tests/draw/vectors.json");

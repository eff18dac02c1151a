import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { recordChallenge, runDraw } from "../../server/draw/draw";
import type { DrawRecord } from "../../server/draw/record";
import { verifyDrawRecord } from "../../server/draw/verify-record";
import { syntheticInstance } from "./factories";

let record: DrawRecord;
beforeAll(async () => {
  const { pool, quotas, k } = syntheticInstance(60, 8, 2, 31);
  const drawn = await runDraw({
    pool,
    quotas,
    k,
    exclusions: [{ id: pool[3].id, reason: "party to the dispute" }],
    alternatesCount: 2,
    contributions: [{ by: "applicant", value: "blue" }],
    secret: "5a".repeat(32),
  });
  record = recordChallenge(drawn, { by: "applicant", juror: drawn.panel[0], reason: "neighbour" });
});

const tampered = (change: (r: DrawRecord) => void): DrawRecord => {
  const copy = structuredClone(record);
  change(copy);
  return copy;
};

describe("verifyDrawRecord", () => {
  it("accepts an untouched record", async () => {
    expect(await verifyDrawRecord(record)).toEqual({ ok: true });
  });

  it.each<[string, (r: DrawRecord) => void, string]>([
    ["a juror swapped", (r) => (r.panel[1] = r.alternates[5]), "panel is not the panel on ticket"],
    ["a contribution changed", (r) => (r.contributions[0].value = "red"), "seed does not match"],
    ["the secret changed", (r) => (r.secret = "5b".repeat(32)), "commitment is not SHA-256 of the revealed secret"],
    ["a probability changed", (r) => (r.probabilities[r.panel[0]] += 0.01), `probability of`],
    ["a ticket moved between panels", (r) => (r.lottery.counts[0] -= 1, r.lottery.counts[1] += 1), "probability of"],
    ["a lottery count changed", (r) => (r.lottery.counts[0] += 1), "lottery counts sum to"],
    ["a member added to the snapshot", (r) => r.snapshot.members.push({ id: "zz", features: {} }), "snapshot hash"],
    ["the alternates reordered", (r) => r.alternates.reverse(), "alternates differ"],
    ["a replacement changed", (r) => (r.challenges[0].replacement = r.alternates[7]), "challenge 0"],
    ["a field missing", (r) => delete (r as Partial<DrawRecord>).seed, "record is malformed at seed"],
  ])("rejects a record with %s", async (_, change, message) => {
    const result = await verifyDrawRecord(tampered(change));
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.error).toContain(message);
  });

  it("rejects an excluded resident put back into the pool", async () => {
    const result = await verifyDrawRecord(tampered((r) => r.exclusions.push({ id: r.snapshot.members[0].id, reason: "x" })));
    expect(result).toEqual({ ok: false, error: `excluded member ${record.snapshot.members[0].id} is in the snapshot` });
  });
});

describe("scripts/verify.ts", () => {
  const run = async (file: string) => {
    try {
      const { stdout } = await promisify(execFile)("npx", ["tsx", "scripts/verify.ts", file]);
      return { code: 0, stdout };
    } catch (e) {
      const failure = e as { code: number; stdout: string };
      return { code: failure.code, stdout: failure.stdout };
    }
  };

  it("prints OK for a valid record and the first mismatch for a tampered one", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "verify-"));
    const good = path.join(dir, "good.json");
    const bad = path.join(dir, "bad.json");
    await writeFile(good, JSON.stringify(record));
    await writeFile(bad, JSON.stringify(tampered((r) => (r.secret = "00".repeat(32)))));
    expect(await run(good)).toEqual({ code: 0, stdout: "OK\n" });
    const result = await run(bad);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("commitment is not SHA-256 of the revealed secret");
  });
});

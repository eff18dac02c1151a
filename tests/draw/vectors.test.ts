import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../server/ledger/canonical-json";
import { sha256Hex } from "../../server/draw/hash";
import { drawTicket } from "../../server/draw/lottery";
import { exclusionsHash, lotteryHash, openingHash, SOLVER_VERSION } from "../../server/draw/protocol";
import type { DrawRecord } from "../../server/draw/record";
import { snapshotHash } from "../../server/draw/seed";
import { verifyDrawRecord } from "../../server/draw/verify-record";
import { verifyDrawRecordResolving } from "../../server/draw/verify-resolve";
import { syntheticInstance } from "./factories";
import { forgeries } from "./forge";
import { runDraw } from "./run-draw";

const VECTORS = path.join(import.meta.dirname, "vectors.json");
const vectors = JSON.parse(readFileSync(VECTORS, "utf8")) as {
  canonicalJson: { value: unknown; canonical: string; sha256: string }[];
  tickets: { seed: string; M: number; ticket: number }[];
  record: DrawRecord;
  expected: Record<string, unknown>;
};

/** The second implementation, from docs/draw-spec.md only; runs when python3 is installed. */
export const python = spawnSync("python3", ["--version"]).status === 0;
export const pyVerify = (...args: string[]) =>
  spawnSync("python3", [path.join(import.meta.dirname, "independent", "verify.py"), ...args], { encoding: "utf8" });

describe("test vectors (tests/draw/vectors.json)", () => {
  it("the product reproduces every canonical JSON encoding and hash", async () => {
    for (const c of vectors.canonicalJson) {
      expect(canonicalJson(c.value)).toBe(c.canonical);
      expect(await sha256Hex(c.canonical)).toBe(c.sha256);
    }
  });

  it("the product draws the vector tickets", async () => {
    for (const t of vectors.tickets) expect(await drawTicket(t.seed, t.M)).toBe(t.ticket);
  });

  it("the product derives the vector record's hashes and accepts it, also re-solving", async () => {
    const r = vectors.record;
    expect(await snapshotHash(r.snapshot)).toBe(vectors.expected.snapshotHash);
    expect(await exclusionsHash(r.exclusions)).toBe(vectors.expected.exclusionsHash);
    expect(await lotteryHash(r.lottery)).toBe(vectors.expected.lotteryHash);
    expect(await openingHash(r.opening)).toBe(vectors.expected.openingHash);
    expect(await verifyDrawRecord(r, { expectOpening: vectors.expected.openingHash as string })).toMatchObject({ ok: true });
    // The vector record names the solver build it was made with (highs-1.15.3); this build re-solves
    // it and compares probabilities (exact only when the builds match).
    expect(await verifyDrawRecordResolving(r)).toMatchObject({ ok: true, exact: r.opening.algorithm.solver === SOLVER_VERSION });
  });
});

// Generous timeouts: python3 start-up is slow on a loaded shared machine (not a performance assertion).
describe.runIf(python)("the independent Python verifier", { timeout: 180_000 }, () => {
  it("agrees on the vectors", () => {
    expect(pyVerify("--vectors", VECTORS)).toMatchObject({ status: 0, stdout: "OK\n" });
  });

  it("agrees with the product on tampered records and on the receipt anchor", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pyverify-"));
    const cases: [string, (r: DrawRecord) => void][] = [
      ["secret", (r) => (r.secret = "00".repeat(32))],
      ["reveal", (r) => (r.reveals[0].value = "2 7 1 8")],
      ["panel", (r) => (r.panel = [...r.alternates.slice(0, 3)].sort())],
      ["alternates", (r) => r.alternates.reverse()],
      ["replacement", (r) => (r.challenges[0].replacement = r.alternates[5])],
      ["external", (r) => (r.external = "7390")],
    ];
    for (const [name, change] of cases) {
      const r = structuredClone(vectors.record);
      change(r);
      const file = path.join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(r));
      expect((await verifyDrawRecord(r)).ok, name).toBe(false);
      expect(pyVerify(file).status, name).toBe(1);
    }
    const good = path.join(dir, "good.json");
    writeFileSync(good, JSON.stringify(vectors.record));
    expect(pyVerify(good, "--opening", "00".repeat(32))).toMatchObject({ status: 1, stdout: expect.stringContaining("receipt") });
  });

  it("checks the optimality certificate like the product: an honest draw passes, one-panel and skewed forgeries fail", async () => {
    const { pool, quotas, k } = syntheticInstance(60, 8, 2, 31);
    const honest = await runDraw({ pool, quotas, k, exclusions: [], alternatesCount: 2, contributions: [{ by: "party:1", value: "blue" }], secret: "5a".repeat(32) });
    expect(honest.certificate).toBeDefined();
    const dir = mkdtempSync(path.join(tmpdir(), "pyverify-"));
    const good = path.join(dir, "honest.json");
    writeFileSync(good, JSON.stringify(honest));
    expect(pyVerify(good)).toMatchObject({ status: 0, stdout: "OK\n" });
    for (const [name, forge] of forgeries.filter(([n]) => n.startsWith("a one-panel") || n.startsWith("a skewed"))) {
      const file = path.join(dir, "forged.json");
      writeFileSync(file, JSON.stringify(await forge(honest)));
      expect(pyVerify(file), name).toMatchObject({ status: 1, stdout: expect.stringContaining("certificate round") });
    }
    const edited = structuredClone(honest);
    (edited.certificate as NonNullable<DrawRecord["certificate"]>).rounds[0].alpha -= 0.01;
    writeFileSync(good, JSON.stringify(edited));
    expect(pyVerify(good)).toMatchObject({ status: 1, stdout: expect.stringContaining("certificate round 0 level") });
  });

  it("rejects the re-ordered-lottery forgery without a solver", async () => {
    const [, forge] = forgeries[0];
    const file = path.join(mkdtempSync(path.join(tmpdir(), "pyverify-")), "forged.json");
    writeFileSync(file, JSON.stringify(await forge(vectors.record)));
    expect(pyVerify(file)).toMatchObject({ status: 1, stdout: "MISMATCH: lottery panels not in canonical order\n" });
  });
});

import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { recordChallenge, solveDraw } from "../../server/draw/draw";
import type { DrawRecord } from "../../server/draw/record";
import { verifyDrawRecord } from "../../server/draw/verify-record";
import { verifyDrawRecordResolving } from "../../server/draw/verify-resolve";
import { syntheticInstance } from "./factories";
import { forgeries, reseal } from "./forge";
import { runDraw } from "./run-draw";

let record: DrawRecord;
let unchallenged: DrawRecord;
beforeAll(async () => {
  const { pool, quotas, k } = syntheticInstance(60, 8, 2, 31);
  unchallenged = await runDraw({
    pool,
    quotas,
    k,
    exclusions: [{ id: pool[3].id, reason: "party" }],
    alternatesCount: 2,
    contributions: [
      { by: "party:1", value: "blue" },
      { by: "party:2", value: null },
    ],
    secret: "5a".repeat(32),
  });
  record = recordChallenge(unchallenged, { by: "party:1", juror: unchallenged.panel[0], reason: "neighbour" });
});

const tampered = (change: (r: DrawRecord) => void): DrawRecord => {
  const copy = structuredClone(record);
  change(copy);
  return copy;
};

describe("verifyDrawRecord (protocol v2)", () => {
  it("accepts an untouched record, and a party that did not reveal contributes its commitment", async () => {
    expect(await verifyDrawRecord(record)).toEqual({ ok: true, certified: true });
    expect(record.reveals[1]).toEqual({ by: "party:2", value: null, salt: null });
    expect(await verifyDrawRecord(record, { expectOpening: record.openingHash })).toEqual({ ok: true, certified: true });
  });

  it.each<[string, (r: DrawRecord) => void, string]>([
    ["a juror swapped", (r) => (r.panel[1] = r.alternates[5]), "panel is not the panel on ticket"],
    ["a revealed value changed", (r) => (r.reveals[0].value = "red"), "reveal of party:1 does not match its commitment"],
    ["a commitment changed", (r) => (r.commitments[1].commitment = "00".repeat(32)), "seed does not match"],
    ["the secret changed", (r) => (r.secret = "5b".repeat(32)), "commitment is not SHA-256 of the revealed secret"],
    ["an external value slipped in", (r) => (r.external = "123"), "none was named at opening"],
    ["a probability changed", (r) => (r.probabilities[r.panel[0]] += 0.01), "probability of"],
    ["a ticket moved between panels", (r) => ((r.lottery.counts[0] -= 1), (r.lottery.counts[1] += 1)), "lottery hash does not match"],
    ["a member added to the snapshot", (r) => r.snapshot.push({ id: "zz", features: {} }), "snapshot hash"],
    ["an exclusion dropped", (r) => (r.exclusions = []), "exclusions hash does not match"],
    ["k changed in the opening", (r) => (r.opening.k += 1), "opening hash does not match"],
    ["the alternates reordered", (r) => r.alternates.reverse(), "alternates differ"],
    ["a replacement changed", (r) => (r.challenges[0].replacement = r.alternates[7]), "challenge 0"],
    ["a field missing", (r) => delete (r as Partial<DrawRecord>).seed, "record is malformed at seed"],
    ["a contributor dropped", (r) => (r.opening.contributors = ["party:1"]), "opening hash does not match"],
  ])("rejects a record with %s", async (_, change, message) => {
    const result = await verifyDrawRecord(tampered(change));
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.error).toContain(message);
  });

  it("refuses version 1 records instead of misreading them", async () => {
    const result = await verifyDrawRecord({ kind: "draw", algorithm: { name: "leximin", version: "1" } });
    expect(result).toEqual({ ok: false, error: expect.stringContaining("is not supported"), failure: { code: "protocol_unsupported", params: { version: '"1"', supported: "2" } } });
  });
});

describe("forgeries by a dishonest office, every hash re-derived with the server's code", () => {
  it("resealing an untouched record changes nothing (the forger's tool is exact)", async () => {
    expect(await reseal(unchallenged)).toEqual(unchallenged);
  });

  it("the re-solving verifier accepts the honest record exactly", async () => {
    expect(await verifyDrawRecordResolving(record)).toEqual({ ok: true, certified: true, exact: true });
  });

  it.each(forgeries)("%s fails the re-solving verifier", async (_, forge) => {
    const forged = await forge(unchallenged);
    expect(forged.openingHash).not.toBe(unchallenged.openingHash);
    const result = await verifyDrawRecordResolving(forged);
    expect(result.ok).toBe(false);
  });

  it.each(forgeries.filter(([name]) => !name.startsWith("a hand-picked")))(
    "%s fails the plain verifier too (canonical order or the optimality certificate, no solver)",
    async (_, forge) => {
      const result = await verifyDrawRecord(await forge(unchallenged));
      expect(result.ok).toBe(false);
    },
  );

  it("a hand-picked panel on one ticket moves probabilities by 1e-6, inside the certificate's tolerance: only --resolve catches it", async () => {
    const hand = forgeries.find(([name]) => name.startsWith("a hand-picked"));
    const forged = await (hand as (typeof forgeries)[number])[1](unchallenged);
    expect(await verifyDrawRecord(forged)).toEqual({ ok: true, certified: true });
    expect((await verifyDrawRecordResolving(forged)).ok).toBe(false);
  });

  it("a skewed lottery whose certificate levels were edited to match fails: the multipliers prove other levels", async () => {
    const skew = forgeries.find(([name]) => name.startsWith("a skewed"));
    const forged = await (skew as (typeof forgeries)[number])[1](unchallenged);
    const cert = structuredClone(forged.certificate as NonNullable<DrawRecord["certificate"]>);
    cert.rounds[0].level = Math.min(...cert.rounds[0].fixed.map((id) => forged.probabilities[id]));
    const result = await verifyDrawRecord({ ...forged, certificate: cert });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining("certificate round 0 states level") });
  });

  it("rejects a certificate whose multipliers or weights were changed, and says so when a record has none", async () => {
    const cert = unchallenged.certificate as NonNullable<DrawRecord["certificate"]>;
    const raised = structuredClone(cert);
    raised.rounds[0].alpha -= 0.01;
    expect((await verifyDrawRecord({ ...unchallenged, certificate: raised })).ok).toBe(false);
    const reweighed = structuredClone(cert);
    const someone = Object.keys(reweighed.rounds[0].weights)[0];
    reweighed.rounds[0].weights[someone] *= 2;
    expect((await verifyDrawRecord({ ...unchallenged, certificate: reweighed })).ok).toBe(false);
    const truncated = { ...cert, rounds: cert.rounds.slice(0, -1) };
    expect(await verifyDrawRecord({ ...unchallenged, certificate: truncated })).toMatchObject({ ok: false, error: expect.stringContaining("without a level") });
    const { certificate: _dropped, ...bare } = unchallenged;
    expect(await verifyDrawRecord(bare)).toEqual({ ok: true, certified: false });
  });

  it("a changed exclusion with a correctly re-solved lottery fails against the receipt's opening hash", async () => {
    const f = structuredClone(unchallenged);
    const moved = f.snapshot.find((m) => !f.panel.includes(m.id))!;
    f.snapshot = f.snapshot.filter((m) => m.id !== moved.id);
    f.exclusions = [...f.exclusions, { id: moved.id, reason: "conflict" }].sort((a, b) => (a.id < b.id ? -1 : 1));
    delete f.probabilities[moved.id];
    ({ lottery: f.lottery, certificate: f.certificate } = await solveDraw(f.snapshot, f.opening.quotas, f.opening.k));
    const forged = await reseal(f);
    expect(await verifyDrawRecordResolving(forged)).toMatchObject({ ok: true });
    const anchored = await verifyDrawRecordResolving(forged, { expectOpening: unchallenged.openingHash });
    expect(anchored).toEqual({ ok: false, error: expect.stringContaining("is not the one on the receipt"), failure: { code: "opening_not_receipt", params: expect.objectContaining({ expected: unchallenged.openingHash }) } });
  });
});

describe("scripts/verify.ts", () => {
  const run = async (...args: string[]) => {
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/verify.ts", ...args]);
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
    expect(await run(good)).toEqual({ code: 0, stdout: "OK — LEXIMIN optimality certificate checked (no solver needed)\n" });
    const result = await run(bad);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("commitment is not SHA-256 of the revealed secret");
  });

  it("with --resolve passes the honest record and fails every forgery; --opening checks the receipt", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "verify-"));
    const good = path.join(dir, "good.json");
    await writeFile(good, JSON.stringify(record));
    expect(await run("--resolve", good)).toEqual({
      code: 0,
      stdout: "OK (LEXIMIN re-solved: the lottery is identical) — LEXIMIN optimality certificate checked (no solver needed)\n",
    });
    for (const [name, forge] of forgeries) {
      const file = path.join(dir, "forged.json");
      await writeFile(file, JSON.stringify(await forge(unchallenged)));
      // Without --resolve: canonical order catches the re-ordering, the optimality certificate the
      // one-panel and skewed lotteries; one hand-picked ticket is within the certificate's tolerance.
      expect(await run(file), `${name} without --resolve`).toMatchObject({ code: name.startsWith("a hand-picked") ? 0 : 1 });
      const result = await run("--resolve", file);
      expect(result.code, name).toBe(1);
      expect(result.stdout).toMatch(/^MISMATCH: /);
    }
    expect(await run("--opening", "00".repeat(32), good)).toMatchObject({ code: 1, stdout: expect.stringContaining("is not the one on the receipt") });
  }, 120_000);
});

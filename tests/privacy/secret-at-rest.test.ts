import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receiptFor } from "../../server/ballots/receipt";
import { ok, socketFor } from "../support/hearing-flow";
import { startTestServer, type TestServer } from "../support/server";
import { hearingInCheckin, type DrivenHearing } from "./support";

/**
 * The attack of issue 12 on a copy of the database: in a SQLite page the records of `secret_votes` sit
 * in the order they were written (each new cell below the previous one), so reading the records of a
 * ballot by their place in the file gives its choices in casting order; the public record's
 * `vote_recorded` entries give the voters in the same order. A record is `… receipt option_id`.
 */
function rowsInFileOrder(bytes: Buffer, receipts: { receipt: string; optionId: string }[]) {
  const found: { offset: number; receipt: string; optionId: string }[] = [];
  for (const r of receipts) {
    const needle = Buffer.from(r.receipt + r.optionId, "utf8");
    for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) found.push({ offset: at, ...r });
  }
  // Cells are allocated from the end of the page towards its start: the newest has the lowest offset.
  return found.sort((a, b) => b.offset - a.offset);
}

let server: TestServer;
let h: DrivenHearing;

beforeAll(async () => {
  server = await startTestServer();
  h = await hearingInCheckin(server);
  for (const to of ["opening", "statements", "evidence", "debate", "deliberation", "voting"]) await h.advance(to);
});
afterAll(async () => {
  h?.close();
  await server?.close();
});

describe("a closed secret ballot, at rest", () => {
  it("cannot be decoded from a copy of the database and its WAL", async () => {
    const opened = await ok<{ id: number }>(h.mediator, "ballot:open", {
      scope: "hearing",
      scopeId: h.hearingId,
      question: "本次纠纷的责任如何认定？",
      options: [
        { id: "party_a", label: "支持甲方" },
        { id: "party_b", label: "支持乙方" },
        { id: "both", label: "双方均有责任" },
      ],
      secret: true,
      quorum: 5,
      threshold: "majority_cast",
      tieRule: "revote",
    });
    // One at a time, so the order of casting is known to the test (and to the public record).
    const castOrder = ["party_a", "party_b", "party_a", "both", "party_b", "party_a", "both"].slice(0, h.jurors.length);
    // Keys drawn so that the receipts' order does not happen to spell the casting order (1 chance in ~200).
    let keys: string[];
    do keys = castOrder.map(() => randomBytes(16).toString("hex"));
    while (
      [castOrder, [...castOrder].reverse()].some((o) =>
        castOrder.every((_, i) => o[i] === castOrder[keys.map((k, n) => ({ r: receiptFor(opened.id, k), n })).sort((a, b) => a.r.localeCompare(b.r))[i].n]),
      )
    );
    for (const [i, j] of h.jurors.entries()) await ok(j.socket, "ballot:cast", { ballotId: opened.id, optionId: castOrder[i], key: keys[i] });

    const file = path.join(server.dataDir, "civic.sqlite");
    const copyOf = () => Buffer.concat([fs.readFileSync(file), fs.existsSync(file + "-wal") ? fs.readFileSync(file + "-wal") : Buffer.alloc(0)]);
    await ok(h.mediator, "ballot:close", { ballotId: opened.id });
    const spectator = await socketFor(server);
    const { receipts } = await ok<{ receipts: { receipt: string; optionId: string }[] }>(spectator, "ballot:receipts", { ballotId: opened.id });
    spectator.close();
    expect(receipts).toHaveLength(castOrder.length);

    // A backup taken now: the main file and whatever the WAL still holds.
    const rows = rowsInFileOrder(copyOf(), receipts);
    // Each vote is stored once: no stale copy of a page in the WAL or in freed space.
    expect(rows).toHaveLength(receipts.length);
    // Its place in the file follows the receipt (random, already public), so it says nothing about when it was cast.
    const byPlace = rows.map((r) => r.receipt);
    const sorted = [...byPlace].sort();
    expect([sorted, [...sorted].reverse()]).toContainEqual(byPlace);
    // The attack therefore yields the published list's order of choices, not the casting order.
    expect(rows.map((r) => r.optionId)).not.toEqual(castOrder);
  });

  it("keeps the data files readable by the service's user only", () => {
    const mode = (p: string) => fs.statSync(p).mode & 0o777;
    expect(mode(server.dataDir)).toBe(0o700);
    for (const f of ["civic.sqlite", "civic.sqlite-wal", "civic.sqlite-shm"]) {
      const p = path.join(server.dataDir, f);
      if (fs.existsSync(p)) expect(mode(p), f).toBe(0o600);
    }
    expect(mode(path.join(server.dataDir, "uploads"))).toBe(0o700);
  });
});

// Exactly-once on every path of a submission key (decision 004 §2): superseded keys, a key shared by two
// voters, and the answers a phone needs to never lose a receipt.
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, type Db } from "../../db/connection";
import { ballotParticipation, ballots, ledgerEntries, secretVotes } from "../../db/schema";
import type { BallotView } from "../../server/ballots/protocol";
import { receiptFor } from "../../server/ballots/receipt";
import { connected, connectSocket, type ClientSocket, startTestServer, type TestServer } from "../support/server";
import { createVotingHearing, hearingOptions, newKey } from "./factories";

let server: TestServer;
let db: Db;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  db = openDatabase(path.join(server.dataDir, "civic.sqlite"));
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  closeDatabase(db);
  await server?.close();
});

async function socketFor(userId: number): Promise<ClientSocket> {
  const socket = connectSocket(server, { cookie: `civic_session=${server.services.sessions.createForUser(userId)}` });
  sockets.push(socket);
  await connected(socket);
  return socket;
}

function tables() {
  return {
    ballots: db.select().from(ballots).all(),
    participation: db.select().from(ballotParticipation).all(),
    secretVotes: db.select().from(secretVotes).all(),
    ledger: db.select({ n: count() }).from(ledgerEntries).get()!.n,
  };
}

async function setup(opts: { secret?: boolean; allowChange?: boolean }) {
  const h = createVotingHearing(db, { jurors: 3 });
  const chair = await socketFor(h.mediatorId);
  const ack = await chair.emitWithAck("ballot:open", {
    scope: "hearing",
    scopeId: h.hearingId,
    question: "评理团认为本纠纷的责任在哪一方？",
    options: hearingOptions,
    secret: opts.secret ?? false,
    quorum: 1,
    threshold: "majority_cast",
    passOptionId: null,
    tieRule: "chair_decides",
    allowChange: opts.allowChange ?? false,
  });
  if (!ack.ok) throw new Error(`open failed: ${ack.error.code}`);
  const voters = await Promise.all(h.jurors.map((j) => socketFor(j.userId)));
  return { ...h, chair, ballot: ack.data as BallotView, voters };
}

const mine = (ballotId: number, voterId: number) =>
  db
    .select()
    .from(ballotParticipation)
    .all()
    .find((r) => r.ballotId === ballotId && r.voterId === voterId);

describe("a superseded key", () => {
  it("never changes the vote again: a late duplicate is answered with the current vote", async () => {
    const { ballot, voters, jurors, chair } = await setup({ allowChange: true });
    const [phone] = voters;
    const k1 = newKey();
    const k2 = newKey();
    expect(await phone.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_a", key: k1 })).toMatchObject({ ok: true });
    expect(await phone.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_b", key: k2 })).toMatchObject({
      ok: true,
      data: { changed: true, receipt: receiptFor(ballot.id, k2) },
    });
    const before = tables();
    // A stale tab resends the first submission.
    const late = await phone.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_a", key: k1 });
    expect(late).toEqual({
      ok: true,
      data: { receipt: receiptFor(ballot.id, k2), alreadyRecorded: true, superseded: true, optionId: "party_b" },
    });
    expect(tables()).toEqual(before);
    expect(mine(ballot.id, jurors[0].userId)).toMatchObject({ optionId: "party_b", submissionKey: k2 });
    // The current key is still recognised as itself.
    expect(await phone.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_b", key: k2 })).toEqual({
      ok: true,
      data: { receipt: receiptFor(ballot.id, k2), alreadyRecorded: true, optionId: "party_b" },
    });
    // And after closing, the superseded key still changes nothing.
    await voters[1].emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_a", key: newKey() });
    const closed = await chair.emitWithAck("ballot:close", { ballotId: ballot.id });
    expect(closed.ok && closed.data.result?.counts).toEqual({ party_a: 1, party_b: 1, both: 0 });
    const afterClose = tables();
    expect(await phone.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_a", key: k1 })).toMatchObject({
      ok: true,
      data: { superseded: true, optionId: "party_b" },
    });
    expect(tables()).toEqual(afterClose);
  });
});

describe("the same key from two voters", () => {
  for (const [name, opts] of [
    ["an open ballot", {}],
    ["an open ballot that allows changes", { allowChange: true }],
    ["a secret ballot", { secret: true }],
  ] as const) {
    it(`is key_conflict on ${name}, and changes nothing`, async () => {
      const { ballot, voters } = await setup(opts);
      const key = newKey();
      expect(await voters[0].emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_a", key })).toMatchObject({ ok: true });
      const before = tables();
      expect(await voters[1].emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_a", key })).toMatchObject({
        ok: false,
        error: { code: "key_conflict" },
      });
      expect(tables()).toEqual(before);
    });
  }

  it("is key_conflict when a change of vote reuses another voter's key, current or superseded", async () => {
    const { ballot, voters } = await setup({ allowChange: true });
    const a1 = newKey();
    const a2 = newKey();
    await voters[0].emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_a", key: a1 });
    await voters[0].emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "both", key: a2 });
    await voters[1].emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_b", key: newKey() });
    const before = tables();
    for (const key of [a1, a2])
      expect(await voters[1].emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_a", key })).toMatchObject({
        ok: false,
        error: { code: "key_conflict" },
      });
    expect(tables()).toEqual(before);
    // The published list of an open ballot never shows one receipt twice.
    const receipts = db.select().from(ballotParticipation).where(eq(ballotParticipation.ballotId, ballot.id)).all().map((r) => r.receipt);
    expect(new Set(receipts).size).toBe(receipts.length);
  });
});

describe("already_voted", () => {
  it("on an open ballot carries the voter's existing receipt and choice, so a phone that lost them shows them", async () => {
    const { ballot, voters } = await setup({});
    const key = newKey();
    await voters[2].emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "both", key });
    const again = await voters[2].emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_a", key: newKey() });
    expect(again).toEqual({ ok: false, error: { code: "already_voted", details: { receipt: receiptFor(ballot.id, key), optionId: "both" } } });
  });
});

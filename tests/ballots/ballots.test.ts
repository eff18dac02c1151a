import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, type Db } from "../../db/connection";
import { ballotParticipation, ballots, hearings, ledgerEntries, secretVotes, users } from "../../db/schema";
import type { BallotTally, BallotView, PublishedReceipt } from "../../server/ballots/protocol";
import { createBallotService } from "../../server/ballots/service";
import { systemClock } from "../../server/clock";
import { createHearingBallotPolicy } from "../../server/hearings/ballot-policy";
import { verifyLogRecord } from "../../server/ledger/chain";
import { createLedgerService, sha256Hex } from "../../server/ledger/ledger";
import { createLiveHub } from "../../server/live/hub";
import type { RoomEvent } from "../../server/live/protocol";
import { createLogger } from "../../server/log";
import { connected, connectSocket, type ClientSocket, startTestServer, type TestServer } from "../support/server";
import { createVotingHearing, hearingOptions, newKey, type Juror } from "./factories";

let server: TestServer;
let db: Db;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  // A second connection to the server's own SQLite file (WAL): to set up hearings and inspect rows.
  db = openDatabase(path.join(server.dataDir, "civic.sqlite"));
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  closeDatabase(db);
  await server?.close();
});

async function socketFor(userId: number | null): Promise<ClientSocket> {
  const cookie = userId === null ? undefined : `civic_session=${server.services.sessions.createForUser(userId)}`;
  const socket = connectSocket(server, { cookie });
  sockets.push(socket);
  await connected(socket);
  return socket;
}

const userId = (username: string) => db.select().from(users).where(eq(users.username, username)).get()!.id;

/** Every room event a socket receives, in order. */
function recorder(socket: ClientSocket) {
  const events: RoomEvent[] = [];
  socket.on("room:event", (e) => events.push(e));
  return {
    events,
    of: (type: string) => events.filter((e) => e.type === type),
    async waitFor(type: string, pred: (data: never) => boolean = () => true, ms = 5000): Promise<RoomEvent> {
      const deadline = Date.now() + ms;
      for (;;) {
        const hit = events.find((e) => e.type === type && pred(e.data as never));
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no ${type} event within ${ms} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

/** The rows a rejected command must leave untouched. */
function tables() {
  return {
    ballots: db.select().from(ballots).all(),
    participation: db.select().from(ballotParticipation).all(),
    secretVotes: db.select().from(secretVotes).all(),
    ledger: db.select({ n: count() }).from(ledgerEntries).get()!.n,
  };
}

function openInput(hearingId: number, over: Record<string, unknown> = {}) {
  return {
    scope: "hearing" as const,
    scopeId: hearingId,
    question: "评理团认为本纠纷的责任在哪一方？",
    options: hearingOptions,
    secret: false,
    quorum: 1,
    threshold: "majority_cast" as const,
    passOptionId: null,
    tieRule: "chair_decides" as const,
    allowChange: false,
    ...over,
  };
}

async function openBallot(chair: ClientSocket, hearingId: number, over: Record<string, unknown> = {}): Promise<BallotView> {
  const ack = await chair.emitWithAck("ballot:open", openInput(hearingId, over));
  if (!ack.ok) throw new Error(`open failed: ${ack.error.code}`);
  return ack.data;
}

async function setup(jurorCount: number, late = 0) {
  const h = createVotingHearing(db, { jurors: jurorCount, late });
  const chair = await socketFor(h.mediatorId);
  return { ...h, chair };
}

describe("50 jurors voting at the same instant", () => {
  it("counts every vote once, and spectators get coalesced tallies, then the result", async () => {
    const h = await setup(50);
    const spectator = await socketFor(null);
    const watch = recorder(spectator);
    const snap = await spectator.emitWithAck("ballot:state", { scope: "hearing", scopeId: h.hearingId });
    expect(snap).toMatchObject({ ok: true, data: { ballot: null, room: `hearing:${h.hearingId}` } });

    const ballot = await openBallot(h.chair, h.hearingId, { quorum: 26 });
    await watch.waitFor("ballot:opened");
    expect(ballot.tally).toMatchObject({ eligible: 50, cast: 0 });

    const voters = await Promise.all(h.jurors.map((j) => socketFor(j.userId)));
    const choice = (i: number) => (i < 30 ? "party_a" : i < 45 ? "party_b" : "both");
    const acks = await Promise.all(voters.map((s, i) => s.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: choice(i), key: newKey() })));
    expect(acks.every((a) => a.ok && !a.data.alreadyRecorded)).toBe(true);
    const receipts = acks.map((a) => (a.ok ? a.data.receipt : ""));
    expect(new Set(receipts).size).toBe(50);
    expect(receipts.every((r) => /^[0-9a-f]{16}$/.test(r))).toBe(true);

    const final = await watch.waitFor("ballot:tally", (t: BallotTally) => t.cast === 50);
    const tallies = watch.of("ballot:tally");
    expect(tallies.length).toBeLessThan(50); // coalesced: never one broadcast per vote
    expect((final.data as BallotTally).counts).toEqual({ party_a: 30, party_b: 15, both: 5 });
    expect((final.data as BallotTally).voters).toHaveLength(50);
    expect(db.select({ n: count() }).from(ballotParticipation).where(eq(ballotParticipation.ballotId, ballot.id)).get()!.n).toBe(50);

    const closed = await h.chair.emitWithAck("ballot:close", { ballotId: ballot.id });
    expect(closed).toMatchObject({ ok: true, data: { status: "closed", result: { outcome: "passed", winningOptionId: "party_a", cast: 50 } } });
    const event = await watch.waitFor("ballot:closed");
    expect((event.data as { ballot: BallotView }).ballot.result).toMatchObject({ outcome: "passed", counts: { party_a: 30, party_b: 15, both: 5 } });
    // Sequence numbers of the room are consecutive from the snapshot on: nothing missed.
    expect(watch.events.map((e) => e.seq)).toEqual(watch.events.map((_, i) => snap.ok && snap.data.seq + i + 1));
    // The frozen result is in the row.
    expect(db.select().from(ballots).where(eq(ballots.id, ballot.id)).get()!.result).toMatchObject({ outcome: "passed", cast: 50 });
  });
});

describe("exactly once", () => {
  it("a double submission counts once and both answers carry the same receipt", async () => {
    const h = await setup(3);
    const ballot = await openBallot(h.chair, h.hearingId);
    const voter = await socketFor(h.jurors[0].userId);
    const key = newKey();
    const [a, b] = await Promise.all([
      voter.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_a", key }),
      voter.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_a", key }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.data.receipt).toBe(b.data.receipt);
    expect([a.data.alreadyRecorded, b.data.alreadyRecorded].sort()).toEqual([false, true]);
    expect(db.select().from(ballotParticipation).where(eq(ballotParticipation.ballotId, ballot.id)).all()).toHaveLength(1);
  });

  for (const secret of [false, true]) {
    it(`a resubmission after a dropped acknowledgement counts once (${secret ? "secret" : "open"} ballot)`, async () => {
      const h = await setup(3);
      const ballot = await openBallot(h.chair, h.hearingId, { secret });
      const juror = h.jurors[1];
      const first = await socketFor(juror.userId);
      const key = newKey();
      // Emitted without waiting for (or even asking for) the acknowledgement; once the server has
      // stored the vote the phone loses its connection: the voter never saw an acknowledgement.
      (first.emit as (e: string, p: unknown) => void)("ballot:cast", { ballotId: ballot.id, optionId: "party_b", key });
      await until(() => db.select().from(ballotParticipation).where(eq(ballotParticipation.ballotId, ballot.id)).all().length === 1);
      first.disconnect();

      const again = await socketFor(juror.userId);
      const ack = await again.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_b", key });
      expect(ack).toMatchObject({ ok: true, data: { alreadyRecorded: true } });
      expect(db.select().from(ballotParticipation).where(eq(ballotParticipation.ballotId, ballot.id)).all()).toHaveLength(1);
      expect(db.select().from(secretVotes).where(eq(secretVotes.ballotId, ballot.id)).all()).toHaveLength(secret ? 1 : 0);

      // A different key from the same voter is a second vote: refused, nothing changes.
      const before = tables();
      const other = await again.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_a", key: newKey() });
      expect(other).toMatchObject({ ok: false, error: { code: "already_voted" } });
      expect(tables()).toEqual(before);

      const closed = await h.chair.emitWithAck("ballot:close", { ballotId: ballot.id });
      expect(closed.ok && closed.data.result?.counts).toEqual({ party_a: 0, party_b: 1, both: 0 });
      // Still recognised after closing: the vote was recorded before the ballot closed.
      const late = await again.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_b", key });
      expect(late).toMatchObject({ ok: true, data: { alreadyRecorded: true, receipt: ack.ok ? ack.data.receipt : "" } });
    });
  }

  it("a vote lost with its connection is recorded once when the phone resubmits it", async () => {
    const h = await setup(3);
    const ballot = await openBallot(h.chair, h.hearingId, { secret: true });
    const first = await socketFor(h.jurors[0].userId);
    const key = newKey();
    // Sent and cut off at once: the server may drop the packet of a socket that is disconnecting.
    (first.emit as (e: string, p: unknown) => void)("ballot:cast", { ballotId: ballot.id, optionId: "party_a", key });
    first.disconnect();
    const again = await socketFor(h.jurors[0].userId);
    const ack = await again.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_a", key });
    const repeat = await again.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_a", key });
    expect(ack.ok && repeat.ok && repeat.data).toMatchObject({ alreadyRecorded: true, receipt: ack.ok ? ack.data.receipt : "" });
    expect(db.select().from(ballotParticipation).where(eq(ballotParticipation.ballotId, ballot.id)).all()).toHaveLength(1);
    expect(db.select().from(secretVotes).where(eq(secretVotes.ballotId, ballot.id)).all()).toHaveLength(1);
  });

  it("an open ballot that allows changes takes a new key as a change of vote", async () => {
    const h = await setup(3);
    const ballot = await openBallot(h.chair, h.hearingId, { allowChange: true });
    const voter = await socketFor(h.jurors[2].userId);
    await voter.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_a", key: newKey() });
    const change = await voter.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "both", key: newKey() });
    expect(change).toMatchObject({ ok: true, data: { changed: true, alreadyRecorded: false } });
    const state = await voter.emitWithAck("ballot:state", { ballotId: ballot.id });
    expect(state).toMatchObject({ ok: true, data: { mine: { voted: true, optionId: "both" }, ballot: { tally: { cast: 1, counts: { party_a: 0, both: 1 } } } } });
  });
});

describe("a voter reconnecting mid-ballot", () => {
  it("sees their own vote and the current tally through ballot:state", async () => {
    const h = await setup(4);
    const ballot = await openBallot(h.chair, h.hearingId);
    const phone = await socketFor(h.jurors[0].userId);
    const cast = await phone.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_b", key: newKey() });
    phone.disconnect();

    const back = await socketFor(h.jurors[0].userId);
    const state = await back.emitWithAck("ballot:state", { scope: "hearing", scopeId: h.hearingId });
    expect(state).toMatchObject({
      ok: true,
      data: {
        ballot: { id: ballot.id, status: "open", tally: { cast: 1, eligible: 4, counts: { party_b: 1 } } },
        mine: { voted: true, optionId: "party_b", receipt: cast.ok ? cast.data.receipt : "" },
      },
    });
    const other = await socketFor(h.jurors[1].userId);
    expect(await other.emitWithAck("ballot:state", { ballotId: ballot.id })).toMatchObject({ ok: true, data: { mine: { voted: false } } });
  });

  it("of a secret ballot learns only that they voted (the receipt stays on their device)", async () => {
    const h = await setup(3);
    const ballot = await openBallot(h.chair, h.hearingId, { secret: true });
    const phone = await socketFor(h.jurors[0].userId);
    await phone.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "party_a", key: newKey() });
    const state = await phone.emitWithAck("ballot:state", { ballotId: ballot.id });
    expect(state.ok && state.data.mine).toEqual({ voted: true });
    expect(state.ok && state.data.ballot?.tally).toEqual({ ballotId: ballot.id, eligible: 3, cast: 1 });
  });
});

describe("rejections change nothing", () => {
  let h: Awaited<ReturnType<typeof setup>>;
  let ballot: BallotView;
  let juror: ClientSocket;

  beforeAll(async () => {
    h = await setup(3, 1);
    ballot = await openBallot(h.chair, h.hearingId);
    juror = await socketFor(h.jurors[0].userId);
  });

  async function rejects(socket: ClientSocket, event: "ballot:cast" | "ballot:open" | "ballot:close" | "ballot:resolve_tie" | "ballot:receipts", payload: unknown, code: string) {
    const before = tables();
    const ack = await (socket.emitWithAck as (e: string, p: unknown) => Promise<unknown>)(event, payload);
    expect(ack).toMatchObject({ ok: false, error: { code } });
    expect(tables()).toEqual(before);
  }
  const cast = (over: Record<string, unknown> = {}) => ({ ballotId: ballot.id, optionId: "party_a", key: newKey(), ...over });

  it("not_eligible: a representative who is not on the panel", async () => {
    await rejects(await socketFor(userId("rep01")), "ballot:cast", cast(), "not_eligible");
  });
  it("not_checked_in: a juror who had not checked in when the ballot opened", async () => {
    await rejects(await socketFor(h.late[0].userId), "ballot:cast", cast(), "not_checked_in");
  });
  it("unauthenticated: a spectator", async () => {
    await rejects(await socketFor(null), "ballot:cast", cast(), "unauthenticated");
  });
  it("unknown_option, ballot_not_found, invalid_input", async () => {
    await rejects(juror, "ballot:cast", cast({ optionId: "party_c" }), "unknown_option");
    await rejects(juror, "ballot:cast", cast({ ballotId: 999_999 }), "ballot_not_found");
    await rejects(juror, "ballot:cast", cast({ key: "not-a-key" }), "invalid_input");
    await rejects(juror, "ballot:cast", { ballotId: ballot.id, optionId: "party_a" }, "invalid_input");
  });
  it("wrong_phase: the hearing is not in its voting phase", async () => {
    db.update(hearings).set({ phase: "deliberation" }).where(eq(hearings.id, h.hearingId)).run();
    try {
      await rejects(juror, "ballot:cast", cast(), "wrong_phase");
      await rejects(h.chair, "ballot:close", { ballotId: ballot.id }, "wrong_phase");
    } finally {
      db.update(hearings).set({ phase: "voting" }).where(eq(hearings.id, h.hearingId)).run();
    }
  });
  it("forbidden: a juror or another community's mediator may not chair", async () => {
    await rejects(juror, "ballot:close", { ballotId: ballot.id }, "forbidden");
    await rejects(juror, "ballot:open", openInput(h.hearingId), "forbidden");
    const otherMediator = await socketFor(userId("mediator2"));
    await rejects(otherMediator, "ballot:close", { ballotId: ballot.id }, "forbidden");
    await rejects(await socketFor(null), "ballot:open", openInput(h.hearingId), "unauthenticated");
  });
  it("rules that cannot be opened", async () => {
    await rejects(h.chair, "ballot:open", openInput(h.hearingId), "ballot_already_open");
    const other = await setup(3);
    await rejects(other.chair, "ballot:open", openInput(other.hearingId, { secret: true, allowChange: true }), "secret_cannot_change");
    await rejects(other.chair, "ballot:open", openInput(other.hearingId, { quorum: 4 }), "quorum_exceeds_eligible");
    await rejects(other.chair, "ballot:open", openInput(other.hearingId, { passOptionId: "nope" }), "unknown_option");
    await rejects(other.chair, "ballot:open", openInput(other.hearingId, { options: [hearingOptions[0], hearingOptions[0]] }), "duplicate_option");
    await rejects(other.chair, "ballot:open", openInput(other.hearingId, { threshold: "most" }), "invalid_input");
  });
  it("ballot_closed: after closing, and receipts only once closed", async () => {
    await rejects(juror, "ballot:receipts", { ballotId: ballot.id }, "ballot_not_closed");
    await juror.emitWithAck("ballot:cast", cast());
    const closed = await h.chair.emitWithAck("ballot:close", { ballotId: ballot.id });
    expect(closed.ok).toBe(true);
    await rejects(await socketFor(h.jurors[1].userId), "ballot:cast", cast(), "ballot_closed");
    await rejects(h.chair, "ballot:close", { ballotId: ballot.id }, "ballot_closed");
    await rejects(h.chair, "ballot:resolve_tie", { ballotId: ballot.id, optionId: "party_a", reason: "x" }, "not_a_tie");
  });
});

describe("secret ballots", () => {
  it("store no voter identity with a vote, and publish every receipt when closed", async () => {
    const h = await setup(7);
    const spectator = await socketFor(null);
    const watch = recorder(spectator);
    await spectator.emitWithAck("ballot:state", { scope: "hearing", scopeId: h.hearingId });
    const ballot = await openBallot(h.chair, h.hearingId, { secret: true, quorum: 5 });
    const choice = ["party_a", "party_a", "party_a", "party_a", "party_b", "party_b", "both"];
    const phones = await Promise.all(h.jurors.map((j) => socketFor(j.userId)));
    const acks = await Promise.all(phones.map((s, i) => s.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: choice[i], key: newKey() })));
    const mine = acks.map((a, i) => ({ receipt: a.ok ? a.data.receipt : "", optionId: choice[i] }));

    // The anonymous table has no column that could name a voter or a time.
    const columns = db.$client.prepare("select name from pragma_table_info('secret_votes')").all() as { name: string }[];
    expect(columns.map((c) => c.name).sort()).toEqual(["ballot_id", "option_id", "receipt"]);
    const participation = db.select().from(ballotParticipation).where(eq(ballotParticipation.ballotId, ballot.id)).all();
    expect(participation).toHaveLength(7);
    for (const p of participation) expect(p).toMatchObject({ optionId: null, submissionKey: null, receipt: null });
    expect(db.select().from(secretVotes).where(eq(secretVotes.ballotId, ballot.id)).all()).toHaveLength(7);

    // While open, only the turnout is shown.
    const tally = await watch.waitFor("ballot:tally", (t: BallotTally) => t.cast === 7);
    expect(tally.data).toEqual({ ballotId: ballot.id, eligible: 7, cast: 7 });
    // The ledger says who took part, never what they chose.
    const recorded = db.select().from(ledgerEntries).where(eq(ledgerEntries.type, "vote_recorded")).all().filter((e) => e.payload.ballotId === ballot.id);
    expect(recorded).toHaveLength(7);
    for (const e of recorded) expect(e.payload).toEqual({ ballotId: ballot.id });

    await h.chair.emitWithAck("ballot:close", { ballotId: ballot.id });
    const closed = await watch.waitFor("ballot:closed");
    const published = (closed.data as { receipts: PublishedReceipt[] }).receipts;
    const sorted = [...mine].sort((a, b) => (a.receipt < b.receipt ? -1 : 1));
    expect(published).toEqual(sorted);
    expect((closed.data as { ballot: BallotView }).ballot.result).toMatchObject({ outcome: "passed", winningOptionId: "party_a", counts: { party_a: 4, party_b: 2, both: 1 } });
    expect(await spectator.emitWithAck("ballot:receipts", { ballotId: ballot.id })).toEqual({ ok: true, data: { ballotId: ballot.id, receipts: sorted } });
  });
});

describe("ties", () => {
  it("chair_decides: the chair records the chosen option with a reason, once", async () => {
    const h = await setup(4);
    const ballot = await openBallot(h.chair, h.hearingId, { quorum: 4 });
    const phones = await Promise.all(h.jurors.map((j) => socketFor(j.userId)));
    await Promise.all(phones.map((s, i) => s.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: i < 2 ? "party_a" : "party_b", key: newKey() })));
    const closed = await h.chair.emitWithAck("ballot:close", { ballotId: ballot.id });
    expect(closed).toMatchObject({ ok: true, data: { result: { outcome: "tie", tiedOptionIds: ["party_a", "party_b"] } } });
    expect(await h.chair.emitWithAck("ballot:resolve_tie", { ballotId: ballot.id, optionId: "both", reason: "x" })).toMatchObject({ ok: false, error: { code: "unknown_option" } });
    const resolved = await h.chair.emitWithAck("ballot:resolve_tie", { ballotId: ballot.id, optionId: "party_b", reason: "乙方已提供维修记录" });
    expect(resolved).toMatchObject({ ok: true, data: { result: { outcome: "tie", resolution: { optionId: "party_b", reason: "乙方已提供维修记录" } } } });
    expect(await h.chair.emitWithAck("ballot:resolve_tie", { ballotId: ballot.id, optionId: "party_a", reason: "x" })).toMatchObject({ ok: false, error: { code: "tie_already_resolved" } });
  });

  it("revote: the result says so and the chair opens a new ballot", async () => {
    const h = await setup(2);
    const ballot = await openBallot(h.chair, h.hearingId, { tieRule: "revote" });
    const phones = await Promise.all(h.jurors.map((j) => socketFor(j.userId)));
    await Promise.all(phones.map((s, i) => s.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: i === 0 ? "party_a" : "party_b", key: newKey() })));
    const closed = await h.chair.emitWithAck("ballot:close", { ballotId: ballot.id });
    expect(closed).toMatchObject({ ok: true, data: { tieRule: "revote", result: { outcome: "tie" } } });
    expect(await h.chair.emitWithAck("ballot:resolve_tie", { ballotId: ballot.id, optionId: "party_a", reason: "x" })).toMatchObject({ ok: false, error: { code: "tie_rule_revote" } });
    const again = await openBallot(h.chair, h.hearingId, { tieRule: "revote" });
    expect(again.id).toBeGreaterThan(ballot.id);
  });
});

describe("time limits", () => {
  it("a time-limited ballot closes itself, and a late vote is refused", async () => {
    const h = await setup(3);
    const spectator = await socketFor(null);
    const watch = recorder(spectator);
    await spectator.emitWithAck("ballot:state", { scope: "hearing", scopeId: h.hearingId });
    const ballot = await openBallot(h.chair, h.hearingId, { timeLimitSeconds: 1 });
    expect(Date.parse(ballot.closesAt!) - Date.parse(ballot.openedAt)).toBe(1000);
    const phone = await socketFor(h.jurors[0].userId);
    await phone.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "both", key: newKey() });
    const closed = await watch.waitFor("ballot:closed", () => true, 3000);
    expect((closed.data as { ballot: BallotView }).ballot).toMatchObject({ status: "closed", result: { outcome: "passed", winningOptionId: "both" } });
    expect(await phone.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: "both", key: newKey() })).toMatchObject({
      ok: false,
      error: { code: "ballot_closed" },
    });
    const entry = db.select().from(ledgerEntries).where(eq(ledgerEntries.type, "ballot_closed")).all().find((e) => e.payload.ballotId === ballot.id)!;
    expect(entry.actor).toEqual({ kind: "system", name: "time_limit" });
    expect(entry.payload.closedBy).toBe("time_limit");
  });

  it("on start, overdue ballots are closed and pending limits re-armed", async () => {
    const overdue = createVotingHearing(db, { jurors: 3 });
    const pending = createVotingHearing(db, { jurors: 3 });
    const now = Date.now();
    // Ballots as a server that stopped would have left them (this process's server never saw them).
    const insert = (scopeId: number, closesAt: number) =>
      db
        .insert(ballots)
        .values({ ...openInput(scopeId), itemId: null, eligible: [1], openedAt: new Date(now - 5000), closesAt: new Date(closesAt) })
        .returning()
        .get();
    const a = insert(overdue.hearingId, now - 1000);
    const b = insert(pending.hearingId, now + 600);

    // What server/services.ts does at start: register the scope's policy.
    const restarted = createBallotService({ db, clock: systemClock, live: createLiveHub(), log: createLogger("silent") });
    restarted.registerScope("hearing", createHearingBallotPolicy(db));
    const status = (id: number) => db.select().from(ballots).where(eq(ballots.id, id)).get()!.status;
    expect(status(a.id)).toBe("closed");
    expect(status(b.id)).toBe("open");
    await until(() => status(b.id) === "closed", 3000);
  });
});

describe("the ledger", () => {
  it("records opening, votes, closing and tie resolution, and its hash chain verifies", async () => {
    const h = await setup(2);
    const ballot = await openBallot(h.chair, h.hearingId);
    const phones = await Promise.all(h.jurors.map((j) => socketFor(j.userId)));
    await Promise.all(phones.map((s, i) => s.emitWithAck("ballot:cast", { ballotId: ballot.id, optionId: i === 0 ? "party_a" : "party_b", key: newKey() })));
    await h.chair.emitWithAck("ballot:close", { ballotId: ballot.id });
    await h.chair.emitWithAck("ballot:resolve_tie", { ballotId: ballot.id, optionId: "party_a", reason: "甲方证据更充分" });

    const record = createLedgerService(db, systemClock).record("hearing", h.hearingId);
    expect(record.entries.map((e) => e.type)).toEqual(["ballot_opened", "vote_recorded", "vote_recorded", "ballot_closed", "tie_resolved"]);
    expect(record.entries[0].payload).toMatchObject({ ballotId: ballot.id, threshold: "majority_cast", secret: false, eligible: h.jurors.map(() => ({ kind: "juror", id: expect.stringMatching(/^J\d+$/) })) }); // seat pseudonyms, never pool ids (issue 12)
    expect(record.entries[1].payload).toHaveProperty("optionId");
    expect(record.entries[3].payload).toMatchObject({ closedBy: "chair", result: { outcome: "tie" } });
    expect(record.entries[4].payload).toEqual({ ballotId: ballot.id, optionId: "party_a", reason: "甲方证据更充分" });
    expect(await verifyLogRecord(record, sha256Hex)).toMatchObject({ ok: true, entries: 5 });
  });
});

async function until(pred: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

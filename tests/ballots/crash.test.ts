import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ballotParticipation, ledgerEntries, secretVotes } from "../../db/schema";
import { hashPassword } from "../../server/auth/password";
import { receiptFor } from "../../server/ballots/receipt";
import { systemClock } from "../../server/clock";
import { verifyLogRecord } from "../../server/ledger/chain";
import { createLedgerService, sha256Hex } from "../../server/ledger/ledger";
import type { AckResult } from "../../server/live/protocol";
import type { CastResult } from "../../server/ballots/types";
import { crashHarness } from "../support/crash-server";
import { login } from "../support/server";
import { createVotingHearing, hearingOptions, newKey } from "./factories";

const harness = crashHarness("crash");

type Vote = { voterId: number; cookie: string; ballotId: number; secret: boolean; optionId: string; key: string; receipt?: string };

describe("a server killed with SIGKILL while votes are in flight", () => {
  it("has, after a restart, every acknowledged vote exactly once and no participation without its vote", async () => {
    const first = await harness.start();
    // The child has migrated and seeded the file; WAL lets this process write beside it.
    const db = harness.openDb();
    const password = "crash-test-password";
    const passwordHash = await hashPassword(password);
    // 14 + 14 jurors + the mediator: within the login rate limit of 30 per address.
    const secretHearing = createVotingHearing(db, { jurors: 14, passwordHash });
    const openHearing = createVotingHearing(db, { jurors: 14, passwordHash });

    const chair = await harness.chairSocket(first);
    const open = async (hearingId: number, secret: boolean) => {
      const ack = await chair.emitWithAck("ballot:open", {
        scope: "hearing",
        scopeId: hearingId,
        question: "评理团认为本纠纷的责任在哪一方？",
        options: hearingOptions,
        secret,
        quorum: 1,
        threshold: "majority_cast",
        passOptionId: null,
        tieRule: "revote",
      });
      if (!ack.ok) throw new Error(ack.error.code);
      return ack.data.id;
    };
    const secretBallot = await open(secretHearing.hearingId, true);
    const openBallot = await open(openHearing.hearingId, false);

    // Interleaved, so that both ballots have votes in flight when the process dies.
    const voters = secretHearing.jurors.flatMap((j, i) => [
      { j, ballotId: secretBallot, secret: true },
      { j: openHearing.jurors[i], ballotId: openBallot, secret: false },
    ]);
    const votes: Vote[] = await Promise.all(
      voters.map(async ({ j, ballotId, secret }, i) => ({
        voterId: j.userId,
        cookie: await login(first, j.username, password),
        ballotId,
        secret,
        optionId: hearingOptions[Math.floor(i / 2) % 3].id,
        key: newKey(),
      })),
    );
    const phones = await Promise.all(votes.map((v) => harness.socket(first, v.cookie)));

    // Cast in a burst (4 per millisecond); kill the server the moment half the acknowledgements are
    // in. Each commit waits for its fsync, so by then the rest have been sent and are in flight.
    const acked: Vote[] = [];
    let sent = 0;
    const exited = new Promise<void>((resolve) => first.process.once("exit", () => resolve()));
    votes.forEach((v, i) =>
      setTimeout(() => {
        if (!phones[i].connected) return;
        sent += 1;
        phones[i].emit("ballot:cast", { ballotId: v.ballotId, optionId: v.optionId, key: v.key }, (ack: AckResult<CastResult>) => {
          if (!ack.ok) throw new Error(`vote refused: ${ack.error.code}`);
          v.receipt = ack.data.receipt;
          acked.push(v);
          if (acked.length === votes.length / 2) first.process.kill("SIGKILL");
        });
      }, Math.floor(i / 4)),
    );
    await exited;
    expect(first.process.signalCode).toBe("SIGKILL");
    await new Promise((r) => setTimeout(r, 100)); // let the last timers see the dead sockets
    expect(acked.length).toBeGreaterThanOrEqual(votes.length / 2);
    expect(acked.length).toBeLessThan(sent); // votes were in flight when the process died

    const second = await harness.start();

    // 1. Every acknowledged vote is there, once, with its choice.
    for (const v of acked) {
      const p = db
        .select()
        .from(ballotParticipation)
        .where(and(eq(ballotParticipation.ballotId, v.ballotId), eq(ballotParticipation.voterId, v.voterId)))
        .all();
      expect(p).toHaveLength(1);
      expect(v.receipt).toBe(receiptFor(v.ballotId, v.key));
      if (v.secret) {
        expect(p[0]).toMatchObject({ optionId: null, receipt: null, submissionKey: null });
        const sv = db.select().from(secretVotes).where(and(eq(secretVotes.ballotId, v.ballotId), eq(secretVotes.receipt, v.receipt!))).all();
        expect(sv).toEqual([{ ballotId: v.ballotId, receipt: v.receipt, optionId: v.optionId }]);
      } else {
        expect(p[0]).toMatchObject({ optionId: v.optionId, receipt: v.receipt, submissionKey: v.key });
      }
    }
    // 2. No participation without its vote, no vote without its participation and its ledger entry.
    const n = (ballotId: number) => ({
      participation: db.select({ n: count() }).from(ballotParticipation).where(eq(ballotParticipation.ballotId, ballotId)).get()!.n,
      secretVotes: db.select({ n: count() }).from(secretVotes).where(eq(secretVotes.ballotId, ballotId)).get()!.n,
      ledger: db
        .select()
        .from(ledgerEntries)
        .where(eq(ledgerEntries.type, "vote_recorded"))
        .all()
        .filter((e) => e.payload.ballotId === ballotId).length,
    });
    const afterCrash = { secret: n(secretBallot), open: n(openBallot) };
    expect(afterCrash.secret.secretVotes).toBe(afterCrash.secret.participation);
    expect(afterCrash.secret.ledger).toBe(afterCrash.secret.participation);
    expect(afterCrash.open.ledger).toBe(afterCrash.open.participation);
    expect(afterCrash.secret.participation + afterCrash.open.participation).toBeGreaterThanOrEqual(acked.length);
    for (const scopeId of [secretHearing.hearingId, openHearing.hearingId]) {
      expect(await verifyLogRecord(createLedgerService(db, systemClock).record("hearing", scopeId), sha256Hex)).toMatchObject({ ok: true });
    }

    // 3. Every phone resubmits what it holds (acknowledged or not) to the restarted server:
    //    acknowledged votes are recognised, the rest are recorded, nothing counts twice.
    const phones2 = await Promise.all(votes.map((v) => harness.socket(second, v.cookie)));
    const again = await Promise.all(votes.map((v, i) => phones2[i].emitWithAck("ballot:cast", { ballotId: v.ballotId, optionId: v.optionId, key: v.key })));
    votes.forEach((v, i) => {
      const ack = again[i];
      expect(ack.ok).toBe(true);
      if (!ack.ok) return;
      expect(ack.data.receipt).toBe(receiptFor(v.ballotId, v.key));
      if (acked.includes(v)) expect(ack.data.alreadyRecorded).toBe(true);
    });
    expect(n(secretBallot)).toEqual({ participation: 14, secretVotes: 14, ledger: 14 });
    expect(n(openBallot)).toEqual({ participation: 14, secretVotes: 0, ledger: 14 });

    const chair2 = await harness.chairSocket(second);
    const expected = (ballotId: number) => {
      const counts: Record<string, number> = { party_a: 0, party_b: 0, both: 0 };
      for (const v of votes) if (v.ballotId === ballotId) counts[v.optionId] += 1;
      return counts;
    };
    for (const ballotId of [secretBallot, openBallot]) {
      const closed = await chair2.emitWithAck("ballot:close", { ballotId });
      expect(closed.ok && closed.data.result?.counts).toEqual(expected(ballotId));
    }
  });
});

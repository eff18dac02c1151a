// Issue 15, "crash tests beyond votes": a server killed with SIGKILL while the chair runs draws leaves
// each hearing undrawn (no seats, no `panel_drawn` entry, still revealing) or drawn (the record, the
// panel's seats and exactly one `panel_drawn` entry) — never half — and an undrawn draw can be run again.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openBenchServices } from "../../bench/setup";
import { closeDatabase } from "../../db/connection";
import { drawOpenings, draws, ledgerEntries, panelSeats } from "../../db/schema";
import { principalFor } from "../../db/seed/principals";
import { systemClock } from "../../server/clock";
import { deviceCommitment } from "../../server/hearings/draw-device";
import { verifyLogRecord } from "../../server/ledger/chain";
import { createLedgerService, sha256Hex } from "../../server/ledger/ledger";
import type { Principal } from "../../server/auth/principal";
import { crashHarness, sendUntilKilled } from "../support/crash-server";

const harness = crashHarness("crash-draw");

const party = (hearingId: number, partyId: number, label: string): Principal => ({
  kind: "invitee",
  sessionId: "crash-test",
  invitee: { invitationId: "crash-test", purpose: "hearing_party", scopeId: hearingId, subjectId: partyId, label },
});

/** Hearings whose draw is opened and revealed by both parties, through the services: ready to be run. */
async function revealedHearings(count: number): Promise<number[]> {
  const { db: sdb, clock, services } = openBenchServices(harness.dataDir);
  try {
    const mediator = principalFor(sdb, "mediator");
    const { lifecycle, draw } = services.hearings;
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const realNow = Date.now();
      clock.set(new Date(realNow - 8 * 86_400_000));
      const h = lifecycle.convene(mediator, {
        communityId: mediator.user.unitIds[0],
        matter: { title: `抽签中断测试纠纷${i}`, description: "崩溃测试。", scope: "private", difficulty: "normal", source: "visit" },
        title: `抽签中断测试${i}`,
        place: "社区党群服务中心",
        scheduledAt: new Date(realNow),
        panelSize: 3,
        alternatesCount: 1,
        quotas: [],
        parties: [{ name: "王建华" }, { name: "赵丽娟" }],
      });
      lifecycle.announce(mediator, { hearingId: h.id });
      clock.set(new Date(realNow - 30 * 60_000));
      await draw.open(mediator, { hearingId: h.id });
      const parties = lifecycle.parties(h.id);
      const openingHash = draw.publicState(h.id)!.openingHash;
      const sides = [
        [party(h.id, parties[0].id, "甲方"), await deviceCommitment(openingHash, `甲${i}`)],
        [party(h.id, parties[1].id, "乙方"), await deviceCommitment(openingHash, `乙${i}`)],
      ] as const;
      for (const [who, device] of sides) draw.commit(who, { hearingId: h.id, commitment: device.commitment });
      for (const [who, device] of sides) await draw.reveal(who, { hearingId: h.id, value: device.value, salt: device.salt });
      ids.push(h.id);
    }
    return ids;
  } finally {
    closeDatabase(sdb);
  }
}

describe("a server killed with SIGKILL while the chair runs draws", () => {
  it("leaves every draw not run or run whole, with the ledger to match, and the draw can be run again", async () => {
    let server = await harness.start();
    const ids = await revealedHearings(24);
    const db = harness.openDb();

    const state = (id: number) => {
      const d = db.select().from(draws).where(eq(draws.hearingId, id)).get()!;
      const opening = db.select().from(drawOpenings).where(eq(drawOpenings.hearingId, id)).all().at(-1)!;
      const seats = db.select().from(panelSeats).where(eq(panelSeats.hearingId, id)).all();
      const entries = db
        .select()
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.scope, "hearing"), eq(ledgerEntries.scopeId, id), eq(ledgerEntries.type, "panel_drawn")))
        .all();
      return { draw: d.status, opening: opening.status, record: d.record !== null, seats: seats.length, entries: entries.length };
    };
    const undrawn = { draw: "collecting", opening: "revealing", record: false, seats: 0, entries: 0 };
    const drawn = { draw: "drawn", opening: "drawn", record: true, seats: 4, entries: 1 };
    for (const id of ids) expect(state(id)).toEqual(undrawn);

    let unanswered = 0;
    for (let round = 0; round < 3; round++) {
      const batch = ids.slice(round * 8, round * 8 + 8);
      const chair = await harness.chairSocket(server);
      // All eight draws at once; the process dies at the first acknowledgement, the rest in flight.
      const acked = await sendUntilKilled(server, chair, batch, (id) => ({ event: "draw:run", payload: { hearingId: id } }));
      expect(server.process.signalCode).toBe("SIGKILL");
      unanswered += batch.length - acked.size;
      server = await harness.start();

      for (const id of batch) {
        const s = state(id);
        expect([undrawn, drawn]).toContainEqual(s);
        if (acked.has(id)) expect(s).toEqual(drawn);
        expect(await verifyLogRecord(createLedgerService(db, systemClock).record("hearing", id), sha256Hex)).toMatchObject({ ok: true });
      }

      // Running it again: a draw that did not land is run now; one that landed is refused, changing nothing.
      const chair2 = await harness.chairSocket(server);
      for (const id of batch) {
        const landed = state(id).draw === "drawn";
        const ack = await chair2.emitWithAck("draw:run", { hearingId: id });
        if (landed) expect(ack).toMatchObject({ ok: false });
        else expect(ack).toMatchObject({ ok: true });
        expect(state(id)).toEqual(drawn);
        expect(await verifyLogRecord(createLedgerService(db, systemClock).record("hearing", id), sha256Hex)).toMatchObject({ ok: true });
      }
      chair.disconnect();
      chair2.disconnect();
    }
    expect(unanswered).toBeGreaterThan(0); // draws were in flight when the process died
  }, 240_000);
});

// Issue 15, "crash tests beyond votes": a server killed with SIGKILL while the chair changes phases
// leaves each hearing in the old phase or the new one — never half (a phase without its ledger entry,
// or an entry without its phase) — and the same change can be retried after the restart.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hearings, ledgerEntries } from "../../db/schema";
import { systemClock } from "../../server/clock";
import { verifyLogRecord } from "../../server/ledger/chain";
import { createLedgerService, sha256Hex } from "../../server/ledger/ledger";
import { createVotingHearing } from "../ballots/factories";
import { crashHarness, sendUntilKilled } from "../support/crash-server";

const harness = crashHarness("crash-phase");

const phases = ["checkin", "opening", "statements", "evidence", "debate", "deliberation"] as const;

describe("a server killed with SIGKILL while the chair changes phases", () => {
  it("leaves every hearing in its old phase or its new one, with the ledger to match, and the change can be retried", async () => {
    let server = await harness.start();
    const db = harness.openDb();
    // Sixteen hearings at check-in with a quorum of checked-in jurors; the chair moves them all on at once.
    const ids = Array.from({ length: 16 }, () => createVotingHearing(db, { jurors: 3 }).hearingId);
    for (const id of ids) db.update(hearings).set({ phase: "checkin" }).where(eq(hearings.id, id)).run();

    const phaseOf = (id: number) => db.select({ phase: hearings.phase }).from(hearings).where(eq(hearings.id, id)).get()!.phase!;
    const changes = (id: number) =>
      db
        .select()
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.scope, "hearing"), eq(ledgerEntries.scopeId, id), eq(ledgerEntries.type, "phase_changed")))
        .all()
        .map((e) => (e.payload as { to: string }).to);

    let unanswered = 0;
    for (let round = 0; round < 3; round++) {
      const chair = await harness.chairSocket(server);
      const before = new Map(ids.map((id) => [id, phaseOf(id)]));
      // Every hearing's next phase in a burst (four per millisecond); the process dies at the first
      // acknowledgement, so the rest are in flight: sent, perhaps committing, not yet answered.
      const acked = await sendUntilKilled(
        server,
        chair,
        ids,
        (id) => ({ event: "hearing:advance", payload: { hearingId: id, to: phases[phases.indexOf(before.get(id) as (typeof phases)[number]) + 1] } }),
        { perMillisecond: 4 },
      );
      expect(server.process.signalCode).toBe("SIGKILL");
      unanswered += ids.length - acked.size;
      server = await harness.start();

      for (const id of ids) {
        const old = before.get(id)!;
        const next = phases[phases.indexOf(old as (typeof phases)[number]) + 1];
        const now = phaseOf(id);
        // Old or new, never anything else; acknowledged means new.
        expect([old, next]).toContain(now);
        if (acked.has(id)) expect(now).toBe(next);
        // The ledger says exactly the phases the hearing went through, and its chain verifies.
        expect(changes(id)).toEqual(phases.slice(1, phases.indexOf(now as (typeof phases)[number]) + 1));
        expect(await verifyLogRecord(createLedgerService(db, systemClock).record("hearing", id), sha256Hex)).toMatchObject({ ok: true });
      }

      // Retrying: a change that did not land is made now; one that landed is refused as out of order, changing nothing.
      const chair2 = await harness.chairSocket(server);
      for (const id of ids) {
        const old = before.get(id)!;
        const next = phases[phases.indexOf(old as (typeof phases)[number]) + 1];
        const landed = phaseOf(id) === next;
        const ack = await chair2.emitWithAck("hearing:advance", { hearingId: id, to: next });
        if (landed) expect(ack).toMatchObject({ ok: false, error: { code: "phase_out_of_order" } });
        else expect(ack).toEqual({ ok: true, data: null });
        expect(phaseOf(id)).toBe(next);
        expect(changes(id)).toEqual(phases.slice(1, phases.indexOf(next) + 1));
      }
      chair.disconnect();
      chair2.disconnect();
    }
    expect(unanswered).toBeGreaterThan(0); // changes were in flight when the process died
  }, 180_000);
});

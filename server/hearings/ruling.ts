import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { ballots, hearingFloor, hearings, rulings } from "../../db/schema";
import type { Principal } from "../auth/principal";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import type { LedgerService } from "../ledger/ledger";
import type { LiveHub } from "../live/hub";
import type { MatterService } from "../matters/matters";
import { hearingRooms, loadHearing, requireChair, roleIn } from "./access";
import { endPartyAccessAfterPublication } from "./party-access";

const id = z.number().int().positive();
export const RulingInput = z.object({
  hearingId: id,
  /** 评理理由 */
  reasons: z.string().trim().min(4).max(10_000),
  /** 给当事人的说法 */
  saying: z.string().trim().min(2).max(5_000),
});

type Deps = { db: Db; clock: Clock; ledger: LedgerService; live: LiveHub; matters: MatterService };

/** The verdict: the chair writes the ruling with the frozen ballot result, closes and publishes it. */
export function createRulings({ db, clock, ledger, live, matters }: Deps) {
  const lastClosedBallot = (hearingId: number) =>
    db
      .select()
      .from(ballots)
      .where(and(eq(ballots.scope, "hearing"), eq(ballots.scopeId, hearingId), eq(ballots.status, "closed")))
      .orderBy(desc(ballots.id))
      .get();

  return {
    get(hearingId: number) {
      return db.select().from(rulings).where(eq(rulings.hearingId, hearingId)).get() ?? null;
    },

    /** Drafted in the verdict phase; it carries the panel's last closed ballot. Rewritable until closing. */
    record(principal: Principal, input: z.input<typeof RulingInput>) {
      const data = RulingInput.parse(input);
      const h = loadHearing(db, data.hearingId);
      const user = requireChair(roleIn(db, h, principal));
      if (h.status !== "live" || h.phase !== "verdict") throw new DomainError("wrong_phase", { phase: h.phase });
      const ballot = lastClosedBallot(h.id);
      if (!ballot) throw new DomainError("no_vote_result");
      db.transaction(() => {
        db.insert(rulings)
          .values({ hearingId: h.id, ballotId: ballot.id, reasons: data.reasons, saying: data.saying, createdAt: clock.now() })
          .onConflictDoUpdate({ target: rulings.hearingId, set: { ballotId: ballot.id, reasons: data.reasons, saying: data.saying } })
          .run();
        ledger.append("hearing", h.id, "ruling_recorded", { kind: "mediator", id: user.id, name: user.displayName }, {
          ballotId: ballot.id,
          result: ballot.result,
          reasons: data.reasons,
          saying: data.saying,
        });
      });
      // A draft until published: only the panel's room (chair, jurors, parties) sees it now (issue 12);
      // the public room learns the ruling at publication.
      live.emit(hearingRooms.panel(h.id), "hearing:ruling", { reasons: data.reasons, saying: data.saying, ballotId: ballot.id });
    },

    /** Ends the live session: only with a recorded ruling. */
    close(principal: Principal, hearingId: number) {
      const h = loadHearing(db, hearingId);
      const user = requireChair(roleIn(db, h, principal));
      if (h.status !== "live" || h.phase !== "verdict") throw new DomainError("wrong_phase", { phase: h.phase });
      const ruling = this.get(h.id);
      if (!ruling) throw new DomainError("ruling_missing");
      // After a return to voting or a runoff, the ruling must carry the latest result (issue 14).
      if (ruling.ballotId !== lastClosedBallot(h.id)?.id) throw new DomainError("ruling_outdated");
      db.transaction(() => {
        db.update(hearings).set({ status: "closed", phase: null }).where(eq(hearings.id, h.id)).run();
        db.update(hearingFloor).set({ partyId: null, phase: null, runningSince: null, elapsedMs: 0 }).where(eq(hearingFloor.hearingId, h.id)).run();
        ledger.append("hearing", h.id, "hearing_closed", { kind: "mediator", id: user.id, name: user.displayName }, {});
      });
      live.emit(hearingRooms.public(h.id), "hearing:status", { status: "closed" });
    },

    /** Publication: the ruling page at /hearings/:id becomes the public record. */
    publish(principal: Principal, hearingId: number) {
      const h = loadHearing(db, hearingId);
      const user = requireChair(roleIn(db, h, principal));
      if (h.status !== "closed") throw new DomainError("wrong_status", { status: h.status });
      const now = clock.now();
      db.transaction(() => {
        db.update(hearings).set({ status: "published", publishedAt: now }).where(eq(hearings.id, h.id)).run();
        db.update(rulings).set({ publishedAt: now }).where(eq(rulings.hearingId, h.id)).run();
        endPartyAccessAfterPublication(db, h.id, now);
        matters.setStatus(h.matterId, "resolved");
        ledger.append("hearing", h.id, "ruling_published", { kind: "mediator", id: user.id, name: user.displayName }, {});
      });
      // The climax in the room (issue 14): every open page — big screen, phones, spectators — takes
      // a fresh snapshot on this event, which now carries the published ruling for everyone.
      live.emit(hearingRooms.public(h.id), "hearing:status", { status: "published" });
    },
  };
}

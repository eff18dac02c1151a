import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { draws, panelSeats } from "../../db/schema";
import type { Principal } from "../auth/principal";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import type { LedgerService } from "../ledger/ledger";
import type { LiveHub } from "../live/hub";
import { hearingRooms, loadHearing, requireChair, roleIn } from "./access";

export const SeatAlternateInput = z.object({ hearingId: z.number().int().positive() }).strict();

type Deps = { db: Db; clock: Clock; ledger: LedgerService; live: LiveHub };

/**
 * 候补递补 (issue 14): when jurors do not come, the chair seats alternates in draw order during
 * check-in. Each call seats the first alternate in the seat of the first absent drawn juror (lowest
 * seat number, not checked in, not already given to an alternate); the absent juror's seat is marked `replaced`. Recorded in the ledger with
 * both pool pseudonyms, so anyone can check that the draw order was kept.
 */
export function createAlternateSeating({ db, ledger, live }: Deps) {
  return {
    seatAlternate(principal: Principal, input: z.input<typeof SeatAlternateInput>) {
      const data = SeatAlternateInput.parse(input);
      const h = loadHearing(db, data.hearingId);
      const user = requireChair(roleIn(db, h, principal));
      if (h.status !== "live" || h.phase !== "checkin") throw new DomainError("wrong_phase", { phase: h.phase });
      const absentees = db
        .select()
        .from(panelSeats)
        .where(and(eq(panelSeats.hearingId, h.id), eq(panelSeats.role, "juror"), eq(panelSeats.status, "active"), isNull(panelSeats.checkedInAt)))
        .orderBy(asc(panelSeats.position))
        .all();
      // A seat already given to an alternate (its former holder kept at -1 - position) waits for that
      // alternate to check in: the drawn jurors who did not come are replaced first.
      const reseated = new Set(
        db
          .select({ position: panelSeats.position })
          .from(panelSeats)
          .where(and(eq(panelSeats.hearingId, h.id), eq(panelSeats.status, "replaced")))
          .all()
          .map((r) => -1 - r.position),
      );
      const absent = absentees.find((a) => !reseated.has(a.position)) ?? absentees[0];
      if (!absent) throw new DomainError("no_absent_juror");
      const alternate = db
        .select()
        .from(panelSeats)
        .where(and(eq(panelSeats.hearingId, h.id), eq(panelSeats.role, "alternate"), eq(panelSeats.status, "active")))
        .orderBy(asc(panelSeats.position))
        .get();
      if (!alternate) throw new DomainError("no_alternate_left");
      const snapshot = db.select({ snapshot: draws.snapshot }).from(draws).where(eq(draws.hearingId, h.id)).get()?.snapshot ?? [];
      const pseudonym = (representativeId: number) => snapshot.find((m) => m.representativeId === representativeId)?.id ?? null;
      db.transaction(() => {
        db.update(panelSeats)
          .set({ status: "replaced", position: -1 - absent.position })
          .where(and(eq(panelSeats.hearingId, h.id), eq(panelSeats.representativeId, absent.representativeId)))
          .run();
        db.update(panelSeats)
          .set({ role: "juror", position: absent.position })
          .where(and(eq(panelSeats.hearingId, h.id), eq(panelSeats.representativeId, alternate.representativeId)))
          .run();
        ledger.append("hearing", h.id, "alternate_seated", { kind: "mediator", id: user.id, name: user.displayName }, {
          seat: absent.position + 1,
          absent: pseudonym(absent.representativeId),
          alternate: pseudonym(alternate.representativeId),
        });
      });
      // Seats changed in more than one way: every page takes a fresh snapshot.
      live.emit(hearingRooms.public(h.id), "hearing:status", { status: "live", phase: "checkin" });
      return { seat: absent.position + 1 };
    },
  };
}

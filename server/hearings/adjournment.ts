import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { ballots, hearingAdjournments, hearingFloor, hearings, panelSeats } from "../../db/schema";
import type { Principal } from "../auth/principal";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import type { LedgerService } from "../ledger/ledger";
import type { LiveHub } from "../live/hub";
import { hearingRooms, loadHearing, requireChair, roleIn } from "./access";
import { NOTICE_DAYS } from "./phases";

const id = z.number().int().positive();
export const RescheduleInput = z
  .object({
    hearingId: id,
    scheduledAt: z.coerce.date(),
    place: z.string().trim().min(2).max(120),
    /** Needed when the new time is inside the notice period; shown on the new notice. */
    reason: z.string().trim().min(4).max(500).optional(),
  })
  .strict();
export const AdjournInput = z
  .object({ hearingId: id, scheduledAt: z.coerce.date(), place: z.string().trim().min(2).max(120), reason: z.string().trim().min(4).max(500) })
  .strict();

type Deps = { db: Db; clock: Clock; ledger: LedgerService; live: LiveHub };

/**
 * Time and place after saving (issue 14): edited freely before the notice; after the notice a
 * change is a new notice (a change inside the notice period needs a reason, shown publicly). A live
 * hearing may be adjourned (休会/改期) to a new time: it goes back to "panel drawn, not started",
 * check-in starts afresh, and the adjournment is recorded with its reason.
 */
export function createAdjournment({ db, clock, ledger, live }: Deps) {
  const actor = (u: { id: number; displayName: string }) => ({ kind: "mediator" as const, id: u.id, name: u.displayName });

  function noticeReason(scheduledAt: Date, reason: string | undefined) {
    const noticeMs = scheduledAt.getTime() - clock.now().getTime();
    if (noticeMs <= 0) throw new DomainError("scheduled_in_past", { field: "scheduledAt" });
    if (noticeMs < NOTICE_DAYS * 86_400_000 && !reason) throw new DomainError("notice_too_short", { days: NOTICE_DAYS, field: "reason" });
    return noticeMs < NOTICE_DAYS * 86_400_000 ? reason! : null;
  }

  return {
    reschedule(principal: Principal, input: z.input<typeof RescheduleInput>) {
      const data = RescheduleInput.parse(input);
      const h = loadHearing(db, data.hearingId);
      const user = requireChair(roleIn(db, h, principal));
      if (!["draft", "announced", "drawing"].includes(h.status)) throw new DomainError("wrong_status", { status: h.status });
      const announced = h.status !== "draft";
      const shortNoticeReason = announced ? noticeReason(data.scheduledAt, data.reason) : h.shortNoticeReason;
      if (!announced && data.scheduledAt.getTime() <= clock.now().getTime()) throw new DomainError("scheduled_in_past", { field: "scheduledAt" });
      db.transaction(() => {
        db.update(hearings)
          .set({ scheduledAt: data.scheduledAt, place: data.place, ...(announced ? { announcedAt: clock.now(), shortNoticeReason } : {}) })
          .where(eq(hearings.id, h.id))
          .run();
        ledger.append("hearing", h.id, "hearing_rescheduled", actor(user), {
          from: h.scheduledAt.toISOString(),
          scheduledAt: data.scheduledAt.toISOString(),
          place: data.place,
          reason: data.reason ?? null,
          reannounced: announced,
        });
      });
      live.emit(hearingRooms.public(h.id), "hearing:status", { status: h.status });
    },

    adjourn(principal: Principal, input: z.input<typeof AdjournInput>) {
      const data = AdjournInput.parse(input);
      const h = loadHearing(db, data.hearingId);
      const user = requireChair(roleIn(db, h, principal));
      if (h.status !== "live") throw new DomainError("wrong_status", { status: h.status });
      const open = db.select({ id: ballots.id }).from(ballots).where(and(eq(ballots.scope, "hearing"), eq(ballots.scopeId, h.id), eq(ballots.status, "open"))).get();
      if (open) throw new DomainError("ballot_still_open");
      const shortNoticeReason = noticeReason(data.scheduledAt, data.reason) ?? null;
      db.transaction(() => {
        db.insert(hearingAdjournments)
          .values({ hearingId: h.id, reason: data.reason, fromScheduledAt: h.scheduledAt, toScheduledAt: data.scheduledAt, place: data.place, createdAt: clock.now() })
          .run();
        db.update(hearings)
          .set({ status: "drawing", phase: null, scheduledAt: data.scheduledAt, place: data.place, announcedAt: clock.now(), shortNoticeReason, startedAt: null, earlyStartReason: null })
          .where(eq(hearings.id, h.id))
          .run();
        db.update(hearingFloor).set({ partyId: null, phase: null, runningSince: null, elapsedMs: 0 }).where(eq(hearingFloor.hearingId, h.id)).run();
        // The new session has its own check-in: who comes next time is not who came today.
        db.update(panelSeats).set({ checkedInAt: null }).where(eq(panelSeats.hearingId, h.id)).run();
        ledger.append("hearing", h.id, "hearing_adjourned", actor(user), {
          phase: h.phase,
          reason: data.reason,
          scheduledAt: data.scheduledAt.toISOString(),
          place: data.place,
        });
      });
      live.emit(hearingRooms.public(h.id), "hearing:status", { status: "drawing" });
    },
  };
}

import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { followUps } from "../../db/schema";
import type { Principal } from "../auth/principal";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import type { LedgerService } from "../ledger/ledger";
import { loadHearing, requireParty, roleIn } from "./access";

export const HearingRatingInput = z
  .object({
    hearingId: z.coerce.number().int().positive(),
    rating: z.enum(["satisfied", "basically", "unsatisfied"]),
    comment: z.string().trim().max(1000).optional(),
  })
  .strict();

type Deps = { db: Db; clock: Clock; ledger: LedgerService };

/**
 * 回访评价 for a ruling (DESIGN.md §1, issue 14): each party rates the published ruling once —
 * 满意 / 基本满意 / 不满意 with an optional comment — in the shared follow_ups table.
 * The ledger records the rating only: a party's comment is for the community office, not the public.
 */
export function createHearingFollowUps({ db, clock, ledger }: Deps) {
  const raterOf = (partyId: number) => `party:${partyId}`;
  return {
    mine(principal: Principal, hearingId: number) {
      const h = loadHearing(db, hearingId);
      const role = roleIn(db, h, principal);
      if (role.kind !== "party") return null;
      return (
        db
          .select({ rating: followUps.rating, comment: followUps.comment })
          .from(followUps)
          .where(and(eq(followUps.subject, "hearing"), eq(followUps.subjectId, h.id), eq(followUps.rater, raterOf(role.partyId))))
          .get() ?? null
      );
    },

    rate(principal: Principal, input: z.input<typeof HearingRatingInput>) {
      const data = HearingRatingInput.parse(input);
      const h = loadHearing(db, data.hearingId);
      const partyId = requireParty(roleIn(db, h, principal));
      if (h.status !== "published") throw new DomainError("ruling_not_published");
      return db.transaction(() => {
        const existing = db
          .select({ id: followUps.id })
          .from(followUps)
          .where(and(eq(followUps.subject, "hearing"), eq(followUps.subjectId, h.id), eq(followUps.rater, raterOf(partyId))))
          .get();
        if (existing) throw new DomainError("already_rated");
        db.insert(followUps)
          .values({ subject: "hearing", subjectId: h.id, rater: raterOf(partyId), rating: data.rating, comment: data.comment || null, createdAt: clock.now() })
          .run();
        ledger.append("hearing", h.id, "follow_up_recorded", { kind: "party", id: partyId }, { rating: data.rating });
        return { rating: data.rating };
      });
    },

    /** Counts per rating, for the console. */
    summary(hearingId: number) {
      const rows = db.select({ rating: followUps.rating }).from(followUps).where(and(eq(followUps.subject, "hearing"), eq(followUps.subjectId, hearingId))).all();
      const counts = { satisfied: 0, basically: 0, unsatisfied: 0 };
      for (const r of rows) counts[r.rating] += 1;
      return { total: rows.length, counts };
    },
  };
}

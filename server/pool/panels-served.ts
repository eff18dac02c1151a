import { and, count, eq, gt, inArray, lte, ne } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { hearings, panelSeats } from "../../db/schema";
import { monthsBefore } from "./calendar";

/**
 * How many panels each representative sat on as a juror (seat still active, so not challenged away or
 * replaced) in hearings scheduled within the 12 months up to `at`. Cancelled hearings never sat, so they
 * do not count. Computed, never stored: a replacement or cancellation changes it at once.
 */
export function panelsServedLast12Months(db: Db, at: Date, representativeIds: number[]): Map<number, number> {
  if (representativeIds.length === 0) return new Map();
  const since = monthsBefore(at, 12);
  const conditions = [
    eq(panelSeats.role, "juror"),
    eq(panelSeats.status, "active"),
    ne(hearings.status, "cancelled"),
    gt(hearings.scheduledAt, since),
    lte(hearings.scheduledAt, at),
    inArray(panelSeats.representativeId, representativeIds),
  ];
  const rows = db
    .select({ representativeId: panelSeats.representativeId, n: count() })
    .from(panelSeats)
    .innerJoin(hearings, eq(hearings.id, panelSeats.hearingId))
    .where(and(...conditions))
    .groupBy(panelSeats.representativeId)
    .all();
  return new Map(rows.map((r) => [r.representativeId, r.n]));
}

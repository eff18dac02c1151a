import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { panelSeats, representatives } from "../../db/schema";
import type { Actor } from "../ledger/ledger";

/**
 * How a juror appears in everything public about a hearing (issue 12, decision 009): by seat, "J3" for
 * the third juror's seat (shown as 评理员 3), "A1" for the first alternate's. A seat number is given by
 * the draw's order within this hearing only, so it links to nothing in the pool and to nobody in another
 * hearing; the representative's id never leaves the server. A juror who consented is also named.
 */
export const seatPseudonym = (role: "juror" | "alternate", position: number) => `${role === "juror" ? "J" : "A"}${position + 1}`;

type Seat = { role: "juror" | "alternate"; position: number; consentToName: boolean; name: string };

export const seatActor = (seat: Seat): Actor =>
  seat.consentToName ? { kind: "juror", id: seatPseudonym(seat.role, seat.position), name: seat.name } : { kind: "juror", id: seatPseudonym(seat.role, seat.position) };

/** The public actor of a representative seated in a hearing (any status). */
export function jurorActorOf(db: Db, hearingId: number, representativeId: number): Actor {
  const seat = db
    .select({ role: panelSeats.role, position: panelSeats.position, consentToName: panelSeats.consentToName, name: representatives.name })
    .from(panelSeats)
    .innerJoin(representatives, eq(representatives.id, panelSeats.representativeId))
    .where(and(eq(panelSeats.hearingId, hearingId), eq(panelSeats.representativeId, representativeId)))
    .get();
  return seat ? seatActor(seat) : { kind: "juror" };
}

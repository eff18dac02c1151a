import type { RoomEvent } from "../../../server/live/protocol";
import type { CouncilOpinion, CouncilSnapshot } from "./types";

/**
 * Applies one council room event to the page's snapshot. The frequent, self-contained events (an
 * opinion, a check-in, the live tally) are applied in place; anything that changes more than its
 * payload says (status, an item moving on, a ballot opening or closing) returns null, and the page
 * takes a fresh snapshot — which is small, and always right.
 */
export function applyCouncilEvent(state: CouncilSnapshot, event: RoomEvent): CouncilSnapshot | null {
  switch (event.type) {
    case "council:opinion": {
      const o = event.data as CouncilOpinion;
      if (state.opinions.some((x) => x.id === o.id)) return state;
      return { ...state, opinions: [...state.opinions, o] };
    }
    case "council:participants": {
      const seen = event.data as { id: number; checkedIn: boolean }[];
      const me = state.role.participantId;
      return {
        ...state,
        participants: state.participants.map((p) => ({ ...p, checkedIn: seen.find((s) => s.id === p.id)?.checkedIn ?? p.checkedIn })),
        role: me ? { ...state.role, checkedIn: seen.find((s) => s.id === me)?.checkedIn ?? state.role.checkedIn } : state.role,
      };
    }
    case "ballot:tally": {
      const tally = event.data as NonNullable<CouncilSnapshot["ballot"]["ballot"]>["tally"];
      const b = state.ballot.ballot;
      if (!b || b.id !== tally.ballotId) return null;
      return { ...state, ballot: { ...state.ballot, ballot: { ...b, tally } } };
    }
    default:
      // council:status, council:item, council:changed, council:resolution, ballot:opened/closed/tie_resolved.
      return null;
  }
}

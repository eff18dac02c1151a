import type { RoomEvent } from "../../../server/live/protocol";
import type { HearingSnapshot } from "./types";

/**
 * Applies one hearing room event to the page's snapshot. Events that change more than their payload
 * says (a phase change, a drawn panel) return null: the page then takes a fresh snapshot.
 */
export function applyHearingEvent(state: HearingSnapshot, event: RoomEvent): HearingSnapshot | null {
  const data = event.data as never;
  switch (event.type) {
    case "hearing:floor":
      return { ...state, floor: data };
    case "hearing:transcript":
      return { ...state, transcript: [...state.transcript, data] };
    case "hearing:panel": {
      const seats = data as HearingSnapshot["panel"];
      // The public event carries pseudonymous seats; keep the names this viewer may already know.
      return {
        ...state,
        panel: seats.map((s) => ({ ...s, name: s.name ?? state.panel.find((p) => p.pseudonym === s.pseudonym)?.name ?? null })),
      };
    }
    case "hearing:exhibits":
      return state.role.kind === "spectator" ? state : { ...state, exhibits: data };
    case "hearing:public_exhibits":
      return state.role.kind === "spectator" ? { ...state, exhibits: data } : state;
    case "hearing:screen_exhibit":
      return { ...state, screenExhibit: data };
    case "hearing:question": {
      const q = data as HearingSnapshot["questions"][number];
      const rest = state.questions.filter((x) => x.id !== q.id);
      return { ...state, questions: q.status === "queued" ? [...rest, q] : rest };
    }
    case "hearing:deliberation":
      return { ...state, deliberation: [...state.deliberation, data] };
    case "draw:state": {
      const draw = data as HearingSnapshot["draw"];
      // A new panel or a replacement changes the seats as well: take a snapshot.
      if (draw?.record && JSON.stringify(draw.record) !== JSON.stringify(state.draw?.record)) return null;
      return { ...state, draw };
    }
    case "ballot:opened":
      // A juror learns from a snapshot whether they are on this ballot's list (checked in in time).
      if (state.role.kind === "juror") return null;
      return { ...state, ballot: { ...state.ballot, ballot: data, mine: { voted: false } } };
    case "ballot:tally": {
      const tally = data as NonNullable<HearingSnapshot["ballot"]["ballot"]>["tally"];
      const b = state.ballot.ballot;
      if (!b || b.id !== tally.ballotId) return null;
      return { ...state, ballot: { ...state.ballot, ballot: { ...b, tally } } };
    }
    case "ballot:closed": {
      const closed = data as { ballot: NonNullable<HearingSnapshot["ballot"]["ballot"]>; receipts?: HearingSnapshot["receipts"] };
      return { ...state, ballot: { ...state.ballot, ballot: closed.ballot }, receipts: closed.receipts ?? null };
    }
    case "ballot:tie_resolved":
      return { ...state, ballot: { ...state.ballot, ballot: data } };
    case "hearing:ruling":
      return { ...state, ruling: data };
    default:
      // hearing:status and anything this page does not model: resynchronise.
      return null;
  }
}

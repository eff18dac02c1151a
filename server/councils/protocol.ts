/**
 * Socket commands of the council room (client → server), merged into ClientToServerEvents.
 * Room events (`room:event` in `council:<id>`) are listed in docs/realtime.md § Councils.
 * Type-only: the browser imports this file for its types.
 */
import type { BallotView } from "../ballots/types";
import type { Ack } from "../live/protocol";

type CouncilId = { councilId: number };
type ItemRef = CouncilId & { itemId: number };

export interface CouncilCommands {
  /** Join the council's room; returns this viewer's snapshot and the room's seq. */
  "council:join": (payload: CouncilId, ack: Ack<{ snapshot: unknown; seqs: Record<string, number> }>) => void;
  "council:snapshot": (payload: CouncilId, ack: Ack<{ snapshot: unknown; seqs: Record<string, number> }>) => void;
  /** Chair: announced → live. */
  "council:start": (payload: CouncilId, ack: Ack<null>) => void;
  /** A participant (representative or guest) checks in; voting members must, to be on a ballot. */
  "council:checkin": (payload: CouncilId, ack: Ack<{ checkedIn: boolean }>) => void;
  /** Chair: take up a pending item. */
  "council:open_item": (payload: ItemRef, ack: Ack<null>) => void;
  /** Chair: put the open item back on the pending list. */
  "council:defer_item": (payload: ItemRef, ack: Ack<null>) => void;
  /** A participant's opinion on the open item; the chair may record one for a participant or a named speaker. */
  "council:opinion": (payload: CouncilId & { text: string; participantId?: number; authorName?: string }, ack: Ack<unknown>) => void;
  /** Chair: 付诸表决 — the item moves to voting and its ballot opens with the announced rules. */
  "council:vote": (payload: ItemRef, ack: Ack<BallotView>) => void;
  /** Chair, under the chair_decides tie rule: settle a tie with a reason. */
  "council:resolve_tie": (payload: ItemRef & { optionId: "for" | "against"; reason: string }, ack: Ack<null>) => void;
  /** Chair: end the live session (live → resolved). */
  "council:end": (payload: CouncilId, ack: Ack<null>) => void;
}

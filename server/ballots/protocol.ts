/**
 * Socket commands of the ballot engine (client → server), merged into ClientToServerEvents.
 * Room events (`room:event` with these types) are listed in docs/realtime.md § Ballots.
 * Type-only: the browser imports this file for its types.
 */
import type { z } from "zod";
import type { Ack } from "../live/protocol";
import type { BallotIdSchema, BallotStateSchema, CastVoteSchema, OpenBallotSchema, ResolveTieSchema } from "./schemas";
import type { BallotState, BallotTally, BallotView, CastResult, PublishedReceipt } from "./types";

export type { BallotState, BallotTally, BallotView, CastResult, MyVote, PublishedReceipt, VoterEntry } from "./types";
export type { BallotResult } from "./result";

export interface BallotCommands {
  /** The chair opens a ballot; rules are fixed now. */
  "ballot:open": (payload: z.input<typeof OpenBallotSchema>, ack: Ack<BallotView>) => void;
  /** A voter casts `{ ballotId, optionId, key }`; `key` is 128 random bits in hex the device keeps until acknowledged. */
  "ballot:cast": (payload: z.input<typeof CastVoteSchema>, ack: Ack<CastResult>) => void;
  /** The chair closes the ballot; the result is computed and frozen. */
  "ballot:close": (payload: z.input<typeof BallotIdSchema>, ack: Ack<BallotView>) => void;
  /** Under tieRule chair_decides: the chair's choice among the tied options, with a reason. */
  "ballot:resolve_tie": (payload: z.input<typeof ResolveTieSchema>, ack: Ack<BallotView>) => void;
  /** Snapshot after (re)connecting; also subscribes the socket to the ballot's public room. */
  "ballot:state": (payload: z.input<typeof BallotStateSchema>, ack: Ack<BallotState>) => void;
  /** The published receipts of a closed ballot, sorted by receipt. */
  "ballot:receipts": (payload: z.input<typeof BallotIdSchema>, ack: Ack<{ ballotId: number; receipts: PublishedReceipt[] }>) => void;
}

/** Payloads of the ballot's room events (`room:event` with `type`). */
export type BallotRoomEvents = {
  "ballot:opened": BallotView;
  "ballot:tally": BallotTally;
  "ballot:closed": { ballot: BallotView; receipts?: PublishedReceipt[] };
  "ballot:tie_resolved": BallotView;
};

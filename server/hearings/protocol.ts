/** Socket commands of the hearing room (client → server), merged into ClientToServerEvents. */
import type { z } from "zod";
import type { Ack } from "../live/protocol";
import type { AdjournInput } from "./adjournment";
import type { SeatAlternateInput } from "./alternates";
import type { DecideChallengeInput, FileChallengeInput, HearingRef } from "./challenges";
import type { CommitInput, RevealInput } from "./draw-flow";
import type { ShowExhibitInput } from "./evidence";
import type { HearingRatingInput } from "./follow-ups";
import type { ReturnToVotingInput, RunoffInput } from "./runoff";

type HearingId = { hearingId: number };

export interface HearingCommands {
  /** Join the hearing's rooms for this viewer's role; returns the snapshot and each room's seq. */
  "hearing:join": (payload: HearingId, ack: Ack<{ snapshot: unknown; seqs: Record<string, number> }>) => void;
  "hearing:snapshot": (payload: HearingId, ack: Ack<{ snapshot: unknown; seqs: Record<string, number> }>) => void;
  "hearing:announce": (payload: HearingId & { shortNoticeReason?: string }, ack: Ack<null>) => void;
  "hearing:cancel": (payload: HearingId & { reason: string }, ack: Ack<null>) => void;
  "draw:open": (payload: HearingId & { manualExclusions?: { representativeId: number; reason: string }[] }, ack: Ack<unknown>) => void;
  /** Draw protocol v2 (issue 11): a party commits to a value, then reveals it. */
  "draw:commit": (payload: z.input<typeof CommitInput>, ack: Ack<unknown>) => void;
  "draw:reveal": (payload: z.input<typeof RevealInput>, ack: Ack<unknown>) => void;
  "draw:external": (payload: HearingId & { value: string }, ack: Ack<unknown>) => void;
  "draw:run": (payload: HearingId, ack: Ack<unknown>) => void;
  /** 申请回避 (issue 14): a party files a challenge, waives it, the mediator decides and closes the window. */
  "draw:challenge": (payload: z.input<typeof FileChallengeInput>, ack: Ack<unknown>) => void;
  "hearing:challenge_waive": (payload: z.input<typeof HearingRef>, ack: Ack<unknown>) => void;
  "hearing:challenge_decide": (payload: z.input<typeof DecideChallengeInput>, ack: Ack<unknown>) => void;
  "hearing:challenge_close": (payload: z.input<typeof HearingRef>, ack: Ack<null>) => void;
  "hearing:seat_alternate": (payload: z.input<typeof SeatAlternateInput>, ack: Ack<unknown>) => void;
  "hearing:adjourn": (payload: z.input<typeof AdjournInput>, ack: Ack<null>) => void;
  "hearing:return_to_voting": (payload: z.input<typeof ReturnToVotingInput>, ack: Ack<null>) => void;
  "hearing:runoff": (payload: z.input<typeof RunoffInput>, ack: Ack<null>) => void;
  "hearing:rate": (payload: z.input<typeof HearingRatingInput>, ack: Ack<unknown>) => void;
  "hearing:start": (payload: HearingId, ack: Ack<null>) => void;
  "hearing:advance": (payload: HearingId & { to: string }, ack: Ack<null>) => void;
  "hearing:checkin": (payload: HearingId, ack: Ack<{ checkedIn: boolean }>) => void;
  "hearing:floor": (payload: HearingId & { partyId: number | null }, ack: Ack<unknown>) => void;
  "hearing:timer": (payload: HearingId & { action: "start" | "pause" }, ack: Ack<unknown>) => void;
  "hearing:statement": (payload: HearingId & { text: string; partyId?: number }, ack: Ack<unknown>) => void;
  "hearing:question": (payload: HearingId & { text: string }, ack: Ack<{ id: number }>) => void;
  "hearing:put_question": (payload: HearingId & { questionId: number; partyId: number | null; dismiss?: boolean }, ack: Ack<null>) => void;
  "hearing:deliberate": (payload: HearingId & { text: string }, ack: Ack<unknown>) => void;
  "exhibit:rule": (payload: HearingId & { exhibitId: number; decision: "admit" | "reject"; reason?: string }, ack: Ack<null>) => void;
  /** The chair shows an admitted public exhibit on the hall screen (exhibitId null clears it). */
  "exhibit:show": (payload: z.input<typeof ShowExhibitInput>, ack: Ack<unknown>) => void;
  "exhibit:opinion": (payload: HearingId & { exhibitId: number; text: string }, ack: Ack<null>) => void;
  "hearing:ruling": (payload: HearingId & { reasons: string; saying: string }, ack: Ack<null>) => void;
  "hearing:close": (payload: HearingId, ack: Ack<null>) => void;
  "hearing:publish": (payload: HearingId, ack: Ack<null>) => void;
}

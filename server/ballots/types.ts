import type { ballots } from "../../db/schema";
import type { BallotOption, BallotOutcome, BallotThreshold } from "../../db/schema";
import type { Actor } from "../ledger/ledger";
import type { BallotResult } from "./result";

export type BallotRow = typeof ballots.$inferSelect;

/** An open ballot's voter and choice, as everyone in the room sees it. */
export type VoterEntry = { voter: Actor; optionId: string };

/**
 * The live tally. Secret ballots show only the turnout while open; open ballots also show the
 * per-option counts and who voted what. Values are absolute, never deltas, so a coalesced update and
 * a snapshot always agree.
 */
export type BallotTally = {
  ballotId: number;
  eligible: number;
  cast: number;
  counts?: Record<string, number>;
  voters?: VoterEntry[];
};

/** A ballot as clients see it (the `ballot:state` snapshot, `ballot:opened`, `ballot:closed`). */
export type BallotView = {
  id: number;
  scope: "hearing" | "council";
  scopeId: number;
  itemId: number | null;
  question: string;
  options: BallotOption[];
  secret: boolean;
  quorum: number;
  threshold: BallotThreshold;
  passOptionId: string | null;
  tieRule: "chair_decides" | "revote";
  allowChange: boolean;
  status: "open" | "closed";
  /** ISO 8601 (UTC). */
  openedAt: string;
  closesAt: string | null;
  closedAt: string | null;
  tally: BallotTally;
  result: BallotResult | null;
};

/** A published receipt of a closed ballot: anyone can find their own and check its choice. */
export type PublishedReceipt = { receipt: string; optionId: string };

/** The viewer's own vote. For a secret ballot the server knows only that they voted: the receipt stays on their device. */
export type MyVote = { voted: boolean; optionId?: string; receipt?: string };

export type CastResult = {
  receipt: string;
  /** True when this key's vote was already stored (a resubmission after a lost acknowledgement). */
  alreadyRecorded: boolean;
  /** True when an open ballot with allowChange replaced the voter's earlier choice. */
  changed?: boolean;
  /**
   * True when the key was one a later change of vote superseded: nothing changed, and `receipt` and
   * `optionId` are the voter's current vote (decision 004 §2).
   */
  superseded?: boolean;
  /** The voter's current choice (open ballots only; a secret ballot's server does not link it to the voter). */
  optionId?: string;
};

export type BallotState = { ballot: BallotView | null; mine: MyVote | null; room: string | null; seq: number };

export type { BallotOutcome };

import type { Principal, SessionUser } from "../auth/principal";
import type { Actor } from "../ledger/ledger";
import type { BallotResult } from "./result";
import type { BallotRow } from "./types";

/** What the chair is about to do; a scope may allow some of it in more phases than others. */
export type ChairAction = "open" | "close" | "resolve_tie";

/**
 * What the ballot engine needs to know about a scope (a hearing, a council). The engine itself
 * knows nothing about hearings or councils: each scope registers one of these with
 * `ballots.registerScope(scope, policy)`.
 */
export type BallotScopePolicy = {
  /** Throws DomainError unless the principal may chair ballots in this scope now (role, community, phase). */
  assertCanChair(principal: Principal, scopeId: number, action: ChairAction): SessionUser;
  /** User ids allowed to vote, computed when the ballot opens (e.g. the checked-in jurors). */
  eligibleVoters(scopeId: number, itemId: number | null): number[];
  /**
   * Throws DomainError unless this voter may vote now (e.g. hearing in the voting phase, voter on the
   * ballot's eligible list). The engine checks the eligible list again afterwards, so a policy cannot
   * forget it; the policy's job is the more helpful code (`not_checked_in`, `wrong_phase`).
   */
  assertCanVote(principal: Principal, scopeId: number, ballot: BallotRow): void;
  /** The room that sees the tally: spectators, the big screen and the voters. */
  publicRoom(scopeId: number): string;
  /** How a voter appears in the ledger and in an open ballot's live list (pseudonymous where the public reads it). */
  voterActor?(scopeId: number, userId: number): Actor;
  /** The same for many voters in one query: a live tally lists every voter, up to 50 times a second. */
  voterActors?(scopeId: number, userIds: number[]): Map<number, Actor>;
  /** Called inside the closing transaction (e.g. to move a council item to decided). */
  onClosed?(ballot: BallotRow, result: BallotResult): void;
};

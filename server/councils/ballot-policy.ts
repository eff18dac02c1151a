import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { councilItems, councilParticipants } from "../../db/schema";
import { requirePermission } from "../auth/permissions";
import type { Principal } from "../auth/principal";
import type { BallotScopePolicy } from "../ballots/policy";
import type { BallotResult } from "../ballots/result";
import type { BallotRow } from "../ballots/types";
import { DomainError } from "../errors";
import type { Actor, LedgerService } from "../ledger/ledger";
import type { MatterService } from "../matters/matters";
import { councilRoom, loadCouncil, type CouncilItem } from "./access";
import { approvalPermille } from "./rules";
import { participantPublicName } from "./public-name";

/**
 * Ballots of a council open only through `council:vote` (room.putToVote), which passes the item's
 * announced rules. The gate lets the policy tell that call from a bare `ballot:open` with rules of
 * the chair's choosing. Synchronous and single-threaded, so a flag for the duration of the call is exact.
 */
export function createVoteGate() {
  let opening: number | null = null;
  return {
    run<T>(itemId: number, fn: () => T): T {
      opening = itemId;
      try {
        return fn();
      } finally {
        opening = null;
      }
    },
    isOpening: (itemId: number | null) => itemId !== null && opening === itemId,
  };
}
export type VoteGate = ReturnType<typeof createVoteGate>;

/**
 * The council's rules for the ballot engine (民事民议, 一事一议):
 * - the chair is a mediator of the council's community (`chair:session:own`);
 * - a ballot opens only for the council's current item, moved to voting by `council:vote`;
 * - the voters are the voting participants who have checked in when it opens;
 * - votes are taken only while the council is live and that item is in voting;
 * - everyone watching the council (`council:<id>`) sees the tally;
 * - closing decides the item (outcome and 同意率) in the closing transaction, unless it is a tie.
 */
export function createCouncilBallotPolicy(deps: { db: Db; ledger: LedgerService; matters: MatterService; gate: VoteGate }): BallotScopePolicy & {
  decide(item: CouncilItem, outcome: "passed" | "failed" | "no_quorum", ballot: BallotRow, counts: Record<string, number>, actor: Actor): void;
} {
  const { db, ledger, matters, gate } = deps;

  function liveCouncil(councilId: number) {
    const c = loadCouncil(db, councilId);
    if (c.status !== "live") throw new DomainError("wrong_status", { status: c.status });
    return c;
  }

  function itemOf(ballot: Pick<BallotRow, "itemId" | "scopeId">) {
    if (ballot.itemId === null) throw new DomainError("item_not_found");
    const item = db.select().from(councilItems).where(and(eq(councilItems.id, ballot.itemId), eq(councilItems.councilId, ballot.scopeId))).get();
    if (!item) throw new DomainError("item_not_found");
    return item;
  }

  const participantOf = (councilId: number, userId: number) =>
    db
      .select()
      .from(councilParticipants)
      .where(and(eq(councilParticipants.councilId, councilId), eq(councilParticipants.userId, userId)))
      .get();

  /** Freezes the item's outcome and 同意率; the matter is open again unless the item passed. */
  function decide(item: CouncilItem, outcome: "passed" | "failed" | "no_quorum", ballot: BallotRow, counts: Record<string, number>, actor: Actor) {
    const approvalRate = approvalPermille(counts);
    db.update(councilItems).set({ status: "decided", outcome, approvalRate }).where(eq(councilItems.id, item.id)).run();
    if (outcome !== "passed") matters.setStatus(item.matterId, "open");
    ledger.append("council", item.councilId, "item_decided", actor, { itemId: item.id, ballotId: ballot.id, outcome, approvalPermille: approvalRate, counts });
  }

  return {
    decide,

    assertCanChair(principal: Principal, councilId: number) {
      const c = loadCouncil(db, councilId);
      const user = requirePermission(principal, "chair:session:own", c.communityId);
      liveCouncil(councilId);
      return user;
    },

    eligibleVoters(councilId: number, itemId: number | null): number[] {
      if (!gate.isOpening(itemId)) throw new DomainError("use_council_vote");
      const c = liveCouncil(councilId);
      const item = itemOf({ itemId, scopeId: councilId });
      if (c.currentItemId !== item.id || item.status !== "voting") throw new DomainError("item_not_in_voting");
      return db
        .select({ userId: councilParticipants.userId })
        .from(councilParticipants)
        .where(
          and(
            eq(councilParticipants.councilId, councilId),
            eq(councilParticipants.voting, true),
            isNotNull(councilParticipants.checkedInAt),
            isNotNull(councilParticipants.userId),
          ),
        )
        .all()
        .map((r) => r.userId!);
    },

    assertCanVote(principal: Principal, councilId: number, ballot: BallotRow) {
      if (principal.kind !== "user") throw new DomainError("unauthenticated");
      liveCouncil(councilId);
      if (itemOf(ballot).status !== "voting") throw new DomainError("item_not_in_voting");
      if (ballot.eligible.includes(principal.user.id)) return;
      // A voting member who arrived after the ballot opened gets a more helpful code than not_eligible.
      const p = participantOf(councilId, principal.user.id);
      if (p?.voting && p.checkedInAt === null) throw new DomainError("not_checked_in");
      throw new DomainError("not_eligible");
    },

    publicRoom: councilRoom,

    /** 议事代表 vote openly under their public name (named with consent, else masked) unless the item's ballot is secret (then only the turnout is shown). */
    voterActor(councilId: number, userId: number): Actor {
      const p = participantOf(councilId, userId);
      return p ? { kind: "representative", id: p.id, name: participantPublicName(p) } : { kind: "representative" };
    },

    onClosed(ballot: BallotRow, result: BallotResult) {
      const item = itemOf(ballot);
      if (result.outcome === "tie") {
        // The item stays in voting: a new ballot (revote) or the chair's recorded decision settles it.
        ledger.append("council", item.councilId, "item_tied", { kind: "system" }, { itemId: item.id, ballotId: ballot.id, tieRule: ballot.tieRule });
        return;
      }
      decide(item, result.outcome, ballot, result.counts, { kind: "system" });
    },
  };
}

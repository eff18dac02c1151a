import { and, desc, eq, sql } from "drizzle-orm";
import { preparedQuery } from "../../db/prepared";
import type { Db } from "../../db/connection";
import { ballotParticipation, ballotSubmissionKeys, ballots, secretVotes, type LedgerScope } from "../../db/schema";
import type { Principal, SessionUser } from "../auth/principal";
import type { Clock } from "../clock";
import { DomainError, isDomainError } from "../errors";
import { createLedgerService, type Actor } from "../ledger/ledger";
import type { LiveHub } from "../live/hub";
import type { Logger } from "../log";
import type { BallotScopePolicy } from "./policy";
import { receiptFor } from "./receipt";
import { foldAndTruncateWal, rewriteInReceiptOrder } from "./secret-at-rest";
import { ABSTAIN_OPTION_ID, computeResult, type BallotResult } from "./result";
import type { BallotStateInput, CastVoteInput, OpenBallotInput, ResolveTieInput } from "./schemas";
import { countVotes, liveTally, publishedReceipts, turnout } from "./tally";
import type { BallotRow, BallotState, BallotView, CastResult, MyVote, PublishedReceipt } from "./types";

export type BallotService = ReturnType<typeof createBallotService>;

const chairActor = (user: SessionUser): Actor => ({ kind: "mediator", id: user.id, name: user.displayName });
const timerActor: Actor = { kind: "system", name: "time_limit" };

/**
 * The ballot engine shared by hearings and councils (see docs/decisions/004-durable-exactly-once-votes.md).
 *
 * Every state change is one synchronous better-sqlite3 transaction (BEGIN IMMEDIATE) that also
 * appends the ledger entry; the database runs WAL with synchronous=FULL, so when a method returns
 * — and the socket handler acknowledges — the change is on disk. Broadcasts follow the commit.
 * Scope rules (who chairs, who votes, in which phase) come from the scope's registered policy.
 */
// The reads of every vote, prepared once (issue 16): drizzle would build and compile each anew.
const ballotById = preparedQuery((db) => db.select().from(ballots).where(eq(ballots.id, sql.placeholder("id"))).prepare());
const participationOf = preparedQuery((db) =>
  db
    .select()
    .from(ballotParticipation)
    .where(and(eq(ballotParticipation.ballotId, sql.placeholder("ballotId")), eq(ballotParticipation.voterId, sql.placeholder("voterId"))))
    .prepare(),
);
const keyHolder = preparedQuery((db) =>
  db
    .select({ voterId: ballotSubmissionKeys.voterId })
    .from(ballotSubmissionKeys)
    .where(and(eq(ballotSubmissionKeys.ballotId, sql.placeholder("ballotId")), eq(ballotSubmissionKeys.receipt, sql.placeholder("receipt"))))
    .prepare(),
);

export function createBallotService(deps: { db: Db; clock: Clock; live: LiveHub; log: Logger }) {
  const { db, clock, live, log } = deps;
  const ledger = createLedgerService(db, clock);
  const policies = new Map<LedgerScope, BallotScopePolicy>();
  const timers = new Map<number, NodeJS.Timeout>();

  const tx = <T>(fn: () => T): T => db.transaction(fn, { behavior: "immediate" });

  function policyFor(scope: LedgerScope): BallotScopePolicy {
    const policy = policies.get(scope);
    if (!policy) throw new DomainError("scope_not_supported", { scope });
    return policy;
  }

  function find(ballotId: number): BallotRow | undefined {
    return ballotById(db).get({ id: ballotId });
  }

  function load(ballotId: number): BallotRow {
    const ballot = find(ballotId);
    if (!ballot) throw new DomainError("ballot_not_found");
    return ballot;
  }

  function voterActorFor(ballot: Pick<BallotRow, "scope" | "scopeId" | "eligible">) {
    const policy = policies.get(ballot.scope);
    // Fetched once, on first use, for all eligible voters: a tally of 50 voters is one query, not 50.
    let batch: Map<number, Actor> | undefined;
    return (userId: number): Actor => {
      batch ??= policy?.voterActors?.(ballot.scopeId, ballot.eligible);
      return batch?.get(userId) ?? policy?.voterActor?.(ballot.scopeId, userId) ?? { kind: "representative" }; // never a user id in public
    };
  }

  /** One voter's public actor (a vote's ledger entry): one seat, not the whole list of eligible voters. */
  function voterActorOf(ballot: Pick<BallotRow, "scope" | "scopeId">, userId: number): Actor {
    return policies.get(ballot.scope)?.voterActor?.(ballot.scopeId, userId) ?? { kind: "representative" }; // never a user id in public
  }

  /** Past its time limit counts as closed even before the timer has fired: the deadline is exact. */
  const isClosed = (ballot: BallotRow, now: Date) => ballot.status === "closed" || (ballot.closesAt !== null && now >= ballot.closesAt);

  function toView(ballot: BallotRow): BallotView {
    return {
      id: ballot.id,
      scope: ballot.scope,
      scopeId: ballot.scopeId,
      itemId: ballot.itemId,
      question: ballot.question,
      options: ballot.options,
      secret: ballot.secret,
      quorum: ballot.quorum,
      threshold: ballot.threshold,
      passOptionId: ballot.passOptionId,
      tieRule: ballot.tieRule,
      allowChange: ballot.allowChange,
      status: ballot.status,
      openedAt: ballot.openedAt.toISOString(),
      closesAt: ballot.closesAt?.toISOString() ?? null,
      closedAt: ballot.closedAt?.toISOString() ?? null,
      tally: liveTally(db, ballot, voterActorFor(ballot)),
      result: (ballot.result as BallotResult | null) ?? null,
    };
  }

  /** The coalesced tally broadcast: computed when it is sent, so 50 votes in 20 ms make one event. */
  function scheduleTally(ballotId: number, room: string): void {
    live.coalesce(room, "ballot:tally", () => {
      if (!db.$client.open) return null; // the server is shutting down
      const ballot = find(ballotId);
      return ballot ? liveTally(db, ballot, voterActorFor(ballot)) : null;
    });
  }

  function validateRules(input: OpenBallotInput): void {
    const ids = input.options.map((o) => o.id);
    if (new Set(ids).size !== ids.length) throw new DomainError("duplicate_option");
    if (input.passOptionId !== null && (!ids.includes(input.passOptionId) || input.passOptionId === ABSTAIN_OPTION_ID))
      throw new DomainError("unknown_option", { field: "passOptionId" });
    if (ids.filter((i) => i !== ABSTAIN_OPTION_ID).length < 2 && input.passOptionId === null)
      throw new DomainError("too_few_options");
    // The database's CHECK says the same; this gives the chair a code instead of a constraint error.
    if (input.secret && input.allowChange) throw new DomainError("secret_cannot_change");
  }

  function closeBallot(ballotId: number, actor: Actor, closedBy: "chair" | "time_limit"): BallotView {
    const { view, receipts, room } = tx(() => {
      const ballot = load(ballotId);
      if (ballot.status === "closed") throw new DomainError("ballot_closed");
      const policy = policyFor(ballot.scope);
      const counts = countVotes(db, ballot);
      const result = computeResult({
        options: ballot.options,
        passOptionId: ballot.passOptionId,
        threshold: ballot.threshold,
        quorum: ballot.quorum,
        eligible: ballot.eligible.length,
        counts,
      });
      if (ballot.secret && result.cast !== turnout(db, ballot.id)) {
        // Cannot happen (both rows are written in one transaction); refuse to freeze a wrong result.
        throw new Error(`ballot ${ballot.id}: secret votes and participation disagree`);
      }
      const closedAt = clock.now();
      const closed = db
        .update(ballots)
        .set({ status: "closed", closedAt, result })
        .where(and(eq(ballots.id, ballot.id), eq(ballots.status, "open")))
        .returning()
        .get();
      if (ballot.secret) rewriteInReceiptOrder(db, ballot.id);
      const receipts = ballot.secret ? publishedReceipts(db, ballot) : undefined;
      ledger.append(ballot.scope, ballot.scopeId, "ballot_closed", actor, { ballotId: ballot.id, closedBy, result, receipts });
      policy.onClosed?.(closed, result);
      return { view: toView(closed), receipts, room: policy.publicRoom(ballot.scopeId) };
    });
    clearTimer(ballotId);
    // Until a checkpoint, the WAL file holds the secret votes' pages in the order they were committed:
    // fold it into the main file and cut it to zero bytes now (decision 004 §3, secret-at-rest.ts).
    if (view.secret && !foldAndTruncateWal(db).complete) log.error("secret ballot closed but the WAL could not be truncated", { ballotId });
    // The last coalesced tally goes out before the result, so the room's sequence tells one story.
    live.flush(room, "ballot:tally");
    live.emit(room, "ballot:closed", { ballot: view, receipts });
    return view;
  }

  function clearTimer(ballotId: number): void {
    const t = timers.get(ballotId);
    if (t) clearTimeout(t);
    timers.delete(ballotId);
  }

  /** Closes the ballot when its time limit runs out; re-armed for open ballots when the server starts. */
  function armTimer(ballot: BallotRow): void {
    if (ballot.status !== "open" || ballot.closesAt === null) return;
    clearTimer(ballot.id);
    const delay = Math.max(0, ballot.closesAt.getTime() - clock.now().getTime());
    const timer = setTimeout(() => onTimeLimit(ballot.id), delay);
    timer.unref(); // a pending deadline must not keep a stopping process alive; restart re-arms it
    timers.set(ballot.id, timer);
  }

  function onTimeLimit(ballotId: number): void {
    timers.delete(ballotId);
    if (!db.$client.open) return;
    const ballot = find(ballotId);
    if (!ballot || ballot.status !== "open") return;
    if (ballot.closesAt && ballot.closesAt > clock.now()) return armTimer(ballot);
    try {
      closeBallot(ballotId, timerActor, "time_limit");
    } catch (err) {
      if (isDomainError(err) && err.code === "ballot_closed") return; // the chair was quicker
      log.error("closing a ballot at its time limit failed", { err, ballotId });
    }
  }

  function myVote(principal: Principal, ballot: BallotRow): MyVote | null {
    if (principal.kind !== "user") return null;
    const row = db
      .select()
      .from(ballotParticipation)
      .where(and(eq(ballotParticipation.ballotId, ballot.id), eq(ballotParticipation.voterId, principal.user.id)))
      .get();
    if (!row) return { voted: false };
    // A secret ballot's receipt and choice are not linked to the voter: only their device knows them.
    if (ballot.secret) return { voted: true };
    return { voted: true, optionId: row.optionId ?? undefined, receipt: row.receipt ?? undefined };
  }

  return {
    /**
     * Registers a scope's rules (hearing, council). Open ballots of that scope get their closing
     * timers back, and those whose time ran out while the server was down are closed now.
     */
    registerScope(scope: LedgerScope, policy: BallotScopePolicy): void {
      policies.set(scope, policy);
      const open = db.select().from(ballots).where(and(eq(ballots.scope, scope), eq(ballots.status, "open"))).all();
      for (const ballot of open) {
        if (ballot.closesAt === null) continue;
        if (ballot.closesAt <= clock.now()) onTimeLimit(ballot.id);
        else armTimer(ballot);
      }
    },

    /** The chair opens a ballot; eligible voters are fixed now, from the scope's policy. */
    open(principal: Principal, input: OpenBallotInput): BallotView {
      const policy = policyFor(input.scope);
      const user = policy.assertCanChair(principal, input.scopeId, "open");
      validateRules(input);
      const ballot = tx(() => {
        const already = db
          .select({ id: ballots.id })
          .from(ballots)
          .where(and(eq(ballots.scope, input.scope), eq(ballots.scopeId, input.scopeId), eq(ballots.status, "open")))
          .get();
        if (already) throw new DomainError("ballot_already_open", { ballotId: already.id });
        const eligible = [...new Set(policy.eligibleVoters(input.scopeId, input.itemId))].sort((a, b) => a - b);
        if (eligible.length === 0) throw new DomainError("no_eligible_voters");
        if (input.quorum > eligible.length) throw new DomainError("quorum_exceeds_eligible", { eligible: eligible.length });
        const openedAt = clock.now();
        const closesAt = input.timeLimitSeconds ? new Date(openedAt.getTime() + input.timeLimitSeconds * 1000) : null;
        const row = db
          .insert(ballots)
          .values({
            scope: input.scope,
            scopeId: input.scopeId,
            itemId: input.itemId,
            question: input.question,
            options: input.options,
            secret: input.secret,
            eligible,
            quorum: input.quorum,
            threshold: input.threshold,
            passOptionId: input.passOptionId,
            tieRule: input.tieRule,
            allowChange: input.allowChange,
            openedBy: user.id,
            openedAt,
            closesAt,
          })
          .returning()
          .get();
        const voter = voterActorFor(row);
        ledger.append(input.scope, input.scopeId, "ballot_opened", chairActor(user), {
          ballotId: row.id,
          itemId: row.itemId,
          question: row.question,
          options: row.options,
          secret: row.secret,
          eligible: eligible.map(voter),
          quorum: row.quorum,
          threshold: row.threshold,
          passOptionId: row.passOptionId,
          tieRule: row.tieRule,
          allowChange: row.allowChange,
          closesAt: closesAt?.toISOString() ?? null,
        });
        return row;
      });
      armTimer(ballot);
      const view = toView(ballot);
      live.emit(policy.publicRoom(ballot.scopeId), "ballot:opened", view);
      return view;
    },

    /**
     * Records one vote, exactly once. Resubmitting the same key returns the original receipt with
     * alreadyRecorded (an acknowledgement was lost); a different key after voting is already_voted, or
     * a change of vote on an open ballot that allows it. Any rejection changes nothing.
     */
    cast(principal: Principal, input: CastVoteInput): CastResult {
      const receipt = receiptFor(input.ballotId, input.key);
      const { result, room } = tx(() => {
        const ballot = load(input.ballotId);
        // A party's invitation session can watch but never vote.
        if (principal.kind !== "user") throw new DomainError(principal.kind === "anonymous" ? "unauthenticated" : "not_eligible");
        const voterId = principal.user.id;
        const policy = policyFor(ballot.scope);
        const room = policy.publicRoom(ballot.scopeId);
        const existing = participationOf(db).get({ ballotId: ballot.id, voterId });
        // Open ballots remember every key they accepted (decision 004 §2): a key is one voter's, forever.
        if (!ballot.secret) {
          const used = keyHolder(db).get({ ballotId: ballot.id, receipt });
          if (used && used.voterId !== voterId) throw new DomainError("key_conflict");
          // A key a later change superseded (a stale tab, a late retry): answer with the current vote,
          // change nothing — a late duplicate must never undo a change of vote.
          if (used && existing && existing.receipt !== receipt)
            return {
              result: { receipt: existing.receipt ?? receipt, alreadyRecorded: true, superseded: true, optionId: existing.optionId ?? undefined },
              room,
            };
        }
        // A resubmission is answered before the open/phase checks: the vote was recorded, even if the
        // ballot has closed since the acknowledgement went missing.
        if (existing) {
          const recorded = ballot.secret
            ? db
                .select({ receipt: secretVotes.receipt })
                .from(secretVotes)
                .where(and(eq(secretVotes.ballotId, ballot.id), eq(secretVotes.receipt, receipt)))
                .get() !== undefined
            : existing.submissionKey === input.key;
          if (recorded)
            return { result: { receipt, alreadyRecorded: true, ...(ballot.secret ? {} : { optionId: existing.optionId ?? undefined }) }, room };
        }

        const now = clock.now();
        if (isClosed(ballot, now)) throw new DomainError("ballot_closed");
        policy.assertCanVote(principal, ballot.scopeId, ballot);
        if (!ballot.eligible.includes(voterId)) throw new DomainError("not_eligible");
        if (!ballot.options.some((o) => o.id === input.optionId)) throw new DomainError("unknown_option");
        const actor = voterActorOf(ballot, voterId);

        if (existing) {
          // Secret ballots never allow a change (a DB CHECK too): it would need the voter→vote link.
          // An open ballot's answer carries the existing receipt, so a device that lost it shows it again.
          if (!ballot.allowChange || ballot.secret)
            throw new DomainError("already_voted", ballot.secret ? undefined : { receipt: existing.receipt, optionId: existing.optionId });
          db.insert(ballotSubmissionKeys).values({ ballotId: ballot.id, receipt, voterId, acceptedAt: now }).run();
          db.update(ballotParticipation)
            .set({ optionId: input.optionId, submissionKey: input.key, receipt, votedAt: now })
            .where(and(eq(ballotParticipation.ballotId, ballot.id), eq(ballotParticipation.voterId, voterId)))
            .run();
          ledger.append(ballot.scope, ballot.scopeId, "vote_changed", actor, { ballotId: ballot.id, optionId: input.optionId });
          return { result: { receipt, alreadyRecorded: false, changed: true, optionId: input.optionId }, room };
        }

        if (ballot.secret) {
          const taken = db
            .select({ receipt: secretVotes.receipt })
            .from(secretVotes)
            .where(and(eq(secretVotes.ballotId, ballot.id), eq(secretVotes.receipt, receipt)))
            .get();
          // Only a reused key (or a 1-in-2⁶⁴ accident) gets here: the device must draw a fresh key.
          if (taken) throw new DomainError("key_conflict");
          // Participation says only that this voter took part; the choice goes, unlinked, to secret_votes.
          db.insert(ballotParticipation).values({ ballotId: ballot.id, voterId, optionId: null, submissionKey: null, receipt: null, votedAt: now }).run();
          db.insert(secretVotes).values({ ballotId: ballot.id, receipt, optionId: input.optionId }).run();
          ledger.append(ballot.scope, ballot.scopeId, "vote_recorded", actor, { ballotId: ballot.id });
        } else {
          db.insert(ballotParticipation)
            .values({ ballotId: ballot.id, voterId, optionId: input.optionId, submissionKey: input.key, receipt, votedAt: now })
            .run();
          db.insert(ballotSubmissionKeys).values({ ballotId: ballot.id, receipt, voterId, acceptedAt: now }).run();
          ledger.append(ballot.scope, ballot.scopeId, "vote_recorded", actor, { ballotId: ballot.id, optionId: input.optionId });
        }
        return { result: { receipt, alreadyRecorded: false, ...(ballot.secret ? {} : { optionId: input.optionId }) }, room };
      });
      if (!result.alreadyRecorded) scheduleTally(input.ballotId, room);
      return result;
    },

    /** The chair closes the ballot; the result is computed and frozen in the row and the ledger. */
    close(principal: Principal, input: { ballotId: number }): BallotView {
      const ballot = load(input.ballotId);
      const user = policyFor(ballot.scope).assertCanChair(principal, ballot.scopeId, "close");
      return closeBallot(ballot.id, chairActor(user), "chair");
    },

    /** Under tieRule chair_decides, the chair records which of the tied options prevails, and why. */
    resolveTie(principal: Principal, input: ResolveTieInput): BallotView {
      const found = load(input.ballotId);
      const policy = policyFor(found.scope);
      const user = policy.assertCanChair(principal, found.scopeId, "resolve_tie");
      const view = tx(() => {
        const ballot = load(input.ballotId);
        const result = ballot.result as BallotResult | null;
        if (ballot.status !== "closed" || !result) throw new DomainError("ballot_not_closed");
        if (result.outcome !== "tie") throw new DomainError("not_a_tie");
        if (ballot.tieRule !== "chair_decides") throw new DomainError("tie_rule_revote");
        if (result.resolution) throw new DomainError("tie_already_resolved");
        if (!result.tiedOptionIds.includes(input.optionId)) throw new DomainError("unknown_option");
        const resolved: BallotResult = { ...result, resolution: { optionId: input.optionId, reason: input.reason, at: clock.now().toISOString() } };
        const row = db.update(ballots).set({ result: resolved }).where(eq(ballots.id, ballot.id)).returning().get();
        ledger.append(ballot.scope, ballot.scopeId, "tie_resolved", chairActor(user), {
          ballotId: ballot.id,
          optionId: input.optionId,
          reason: input.reason,
        });
        return toView(row);
      });
      live.emit(policy.publicRoom(found.scopeId), "ballot:tie_resolved", view);
      return view;
    },

    /**
     * A snapshot for a client that (re)connects: the ballot (by id, or the latest of a hearing or
     * council), the viewer's own vote, the public room to listen on and its current sequence number.
     * What it shows is what the public room is shown anyway.
     */
    state(principal: Principal, input: BallotStateInput): BallotState {
      const ballot =
        "ballotId" in input
          ? load(input.ballotId)
          : db
              .select()
              .from(ballots)
              .where(and(eq(ballots.scope, input.scope), eq(ballots.scopeId, input.scopeId)))
              .orderBy(desc(ballots.id))
              .limit(1)
              .get();
      const scope = ballot ?? ("scope" in input ? input : null);
      if (!scope) return { ballot: null, mine: null, room: null, seq: 0 };
      const room = policyFor(scope.scope).publicRoom(scope.scopeId);
      return { ballot: ballot ? toView(ballot) : null, mine: ballot ? myVote(principal, ballot) : null, room, seq: live.seq(room) };
    },

    /** The published receipts of a closed ballot, sorted by receipt, for every voter to find theirs. */
    receipts(input: { ballotId: number }): { ballotId: number; receipts: PublishedReceipt[] } {
      const ballot = load(input.ballotId);
      if (ballot.status !== "closed") throw new DomainError("ballot_not_closed");
      return { ballotId: ballot.id, receipts: publishedReceipts(db, ballot) };
    },

    /** The open ballot of a hearing or council, if any (e.g. to refuse leaving the voting phase meanwhile). */
    openBallotFor(scope: LedgerScope, scopeId: number): BallotView | null {
      const row = db
        .select()
        .from(ballots)
        .where(and(eq(ballots.scope, scope), eq(ballots.scopeId, scopeId), eq(ballots.status, "open")))
        .get();
      return row ? toView(row) : null;
    },
  };
}

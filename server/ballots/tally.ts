import { asc, count, eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { ballotParticipation, secretVotes } from "../../db/schema";
import type { Actor } from "../ledger/ledger";
import type { BallotRow, BallotTally, PublishedReceipt } from "./types";

/** Votes per option: from the anonymous secret_votes for a secret ballot, from participation otherwise. */
export function countVotes(db: Db, ballot: BallotRow): Record<string, number> {
  const rows = ballot.secret
    ? db
        .select({ optionId: secretVotes.optionId, n: count() })
        .from(secretVotes)
        .where(eq(secretVotes.ballotId, ballot.id))
        .groupBy(secretVotes.optionId)
        .all()
    : db
        .select({ optionId: ballotParticipation.optionId, n: count() })
        .from(ballotParticipation)
        .where(eq(ballotParticipation.ballotId, ballot.id))
        .groupBy(ballotParticipation.optionId)
        .all();
  const counts: Record<string, number> = {};
  for (const o of ballot.options) counts[o.id] = 0;
  for (const r of rows) if (r.optionId !== null) counts[r.optionId] = r.n;
  return counts;
}

/** How many eligible voters have taken part. */
export function turnout(db: Db, ballotId: number): number {
  return db.select({ n: count() }).from(ballotParticipation).where(eq(ballotParticipation.ballotId, ballotId)).get()?.n ?? 0;
}

/**
 * The live tally as the public room sees it. A secret ballot shows only its turnout until it closes
 * (the closed ballot's counts are in its result); an open ballot shows counts and who voted what.
 */
export function liveTally(db: Db, ballot: BallotRow, voterActor: (userId: number) => Actor): BallotTally {
  const base = { ballotId: ballot.id, eligible: ballot.eligible.length, cast: turnout(db, ballot.id) };
  if (ballot.secret) return base;
  const rows = db
    .select({ voterId: ballotParticipation.voterId, optionId: ballotParticipation.optionId })
    .from(ballotParticipation)
    .where(eq(ballotParticipation.ballotId, ballot.id))
    .orderBy(asc(ballotParticipation.votedAt), asc(ballotParticipation.voterId))
    .all();
  return {
    ...base,
    counts: countVotes(db, ballot),
    voters: rows.map((r) => ({ voter: voterActor(r.voterId), optionId: r.optionId ?? "" })),
  };
}

/** Every receipt with its choice, sorted by receipt (which carries no order of casting). */
export function publishedReceipts(db: Db, ballot: BallotRow): PublishedReceipt[] {
  if (ballot.secret) {
    return db
      .select({ receipt: secretVotes.receipt, optionId: secretVotes.optionId })
      .from(secretVotes)
      .where(eq(secretVotes.ballotId, ballot.id))
      .orderBy(asc(secretVotes.receipt))
      .all();
  }
  return db
    .select({ receipt: ballotParticipation.receipt, optionId: ballotParticipation.optionId })
    .from(ballotParticipation)
    .where(eq(ballotParticipation.ballotId, ballot.id))
    .orderBy(asc(ballotParticipation.receipt))
    .all()
    .map((r) => ({ receipt: r.receipt ?? "", optionId: r.optionId ?? "" }));
}

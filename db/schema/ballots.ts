import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { ledgerScopes } from "./ledger";

export const ballotThresholds = ["majority_cast", "majority_eligible", "two_thirds", "unanimity"] as const;
export type BallotThreshold = (typeof ballotThresholds)[number];
/** What a tie means: the chair decides with a recorded reason, or the question is voted again. */
export const tieRules = ["chair_decides", "revote"] as const;
export const ballotStatuses = ["open", "closed"] as const;
export type BallotOption = { id: string; label: string };
export type BallotOutcome = "passed" | "failed" | "no_quorum" | "tie";

/**
 * A question put to a hearing's panel or a council's voting members. Rules are fixed when it opens.
 * `eligible` lists the user ids allowed to vote (the checked-in panel; the council's voting members).
 */
export const ballots = sqliteTable(
  "ballots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    scope: text("scope", { enum: ledgerScopes }).notNull(),
    scopeId: integer("scope_id").notNull(),
    /** The council agenda item the ballot decides (null for a hearing). */
    itemId: integer("item_id"),
    question: text("question").notNull(),
    options: text("options", { mode: "json" }).$type<BallotOption[]>().notNull(),
    secret: integer("secret", { mode: "boolean" }).notNull(),
    eligible: text("eligible", { mode: "json" }).$type<number[]>().notNull(),
    /** Minimum number of votes cast for the result to count. */
    quorum: integer("quorum").notNull(),
    threshold: text("threshold", { enum: ballotThresholds }).notNull(),
    /** The option whose support the threshold is measured on (e.g. 同意); null: plurality among options. */
    passOptionId: text("pass_option_id"),
    tieRule: text("tie_rule", { enum: tieRules }).notNull(),
    allowChange: integer("allow_change", { mode: "boolean" }).notNull(),
    status: text("status", { enum: ballotStatuses }).notNull().default("open"),
    openedBy: integer("opened_by").references(() => users.id, { onDelete: "set null" }),
    openedAt: integer("opened_at", { mode: "timestamp_ms" }).notNull(),
    closesAt: integer("closes_at", { mode: "timestamp_ms" }),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
    /** Frozen at closing: counts, turnout, outcome, winning option, tie resolution. */
    result: text("result", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [
    index("ballots_scope_idx").on(t.scope, t.scopeId),
    check("ballots_threshold_check", sql`${t.threshold} in ('majority_cast','majority_eligible','two_thirds','unanimity')`),
    check("ballots_status_check", sql`${t.status} in ('open','closed')`),
    check("ballots_quorum_check", sql`${t.quorum} >= 0`),
    // A secret ballot cannot let voters change their vote: that would need a link from voter to ballot.
    check("ballots_secret_change_check", sql`not (${t.secret} and ${t.allowChange})`),
  ],
);

/**
 * Who took part. Exactly one row per voter and ballot (the primary key is the exactly-once guarantee).
 * For an open ballot it also holds the choice; for a secret ballot `optionId` is null and the choice
 * lives, unlinkable, in `secret_votes`.
 */
export const ballotParticipation = sqliteTable(
  "ballot_participation",
  {
    ballotId: integer("ballot_id").notNull().references(() => ballots.id, { onDelete: "cascade" }),
    voterId: integer("voter_id").notNull().references(() => users.id, { onDelete: "restrict" }),
    optionId: text("option_id"),
    /** Client-generated key of the accepted submission, so a resubmission returns the same result (open ballots). */
    submissionKey: text("submission_key"),
    receipt: text("receipt"),
    votedAt: integer("voted_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.voterId] })],
);

/**
 * The anonymous ballots of a secret vote: no voter id, no time. WITHOUT ROWID and keyed by the random
 * receipt, so not even the physical order of the rows tells who voted when.
 */
export const secretVotes = sqliteTable(
  "secret_votes",
  {
    receipt: text("receipt").notNull(),
    ballotId: integer("ballot_id").notNull().references(() => ballots.id, { onDelete: "cascade" }),
    optionId: text("option_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.receipt] })],
);

/**
 * Every submission key an open (non-secret) ballot has accepted, by its receipt, with the voter who sent
 * it — including keys a later change of vote superseded. A superseded key resent by a stale tab is then
 * recognised (answered with the voter's current vote, never applied again), and a key already used by
 * one voter is refused to every other voter (`key_conflict`). Secret ballots keep no such link: their
 * receipts are unique in `secret_votes` (decision 004).
 */
export const ballotSubmissionKeys = sqliteTable(
  "ballot_submission_keys",
  {
    ballotId: integer("ballot_id").notNull().references(() => ballots.id, { onDelete: "cascade" }),
    receipt: text("receipt").notNull(),
    voterId: integer("voter_id").notNull().references(() => users.id, { onDelete: "restrict" }),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.receipt] })],
);

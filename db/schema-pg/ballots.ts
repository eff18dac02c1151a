// PostgreSQL mirror of db/schema/ballots.ts (decision 044): same tables, columns, keys and names; what each
// column means is documented there. tests/scale-out/schema-parity.test.ts fails when the two drift apart.
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, json, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./types";
import { ballotThresholds, tieRules, ballotStatuses, type BallotOption } from "../schema/ballots";
export { ballotThresholds, tieRules, ballotStatuses, type BallotOption, type BallotThreshold, type BallotOutcome } from "../schema/ballots";
import { users } from "./auth";
import { ledgerScopes } from "./ledger";

export const ballots = pgTable(
  "ballots",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    scope: text("scope", { enum: ledgerScopes }).notNull(),
    scopeId: integer("scope_id").notNull(),
    itemId: integer("item_id"),
    question: text("question").notNull(),
    options: json("options").$type<BallotOption[]>().notNull(),
    secret: boolean("secret").notNull(),
    eligible: json("eligible").$type<number[]>().notNull(),
    quorum: integer("quorum").notNull(),
    threshold: text("threshold", { enum: ballotThresholds }).notNull(),
    passOptionId: text("pass_option_id"),
    tieRule: text("tie_rule", { enum: tieRules }).notNull(),
    allowChange: boolean("allow_change").notNull(),
    status: text("status", { enum: ballotStatuses }).notNull().default("open"),
    openedBy: integer("opened_by").references(() => users.id, { onDelete: "set null" }),
    openedAt: timestampMs("opened_at").notNull(),
    closesAt: timestampMs("closes_at"),
    closedAt: timestampMs("closed_at"),
    result: json("result").$type<Record<string, unknown>>(),
  },
  (t) => [
    index("ballots_scope_idx").on(t.scope, t.scopeId),
    check("ballots_threshold_check", sql`${t.threshold} in ('majority_cast','majority_eligible','two_thirds','unanimity')`),
    check("ballots_status_check", sql`${t.status} in ('open','closed')`),
    check("ballots_quorum_check", sql`${t.quorum} >= 0`),
    check("ballots_secret_change_check", sql`not (${t.secret} and ${t.allowChange})`),
  ],
);

export const ballotParticipation = pgTable(
  "ballot_participation",
  {
    ballotId: integer("ballot_id").notNull().references(() => ballots.id, { onDelete: "cascade" }),
    voterId: integer("voter_id").notNull().references(() => users.id, { onDelete: "restrict" }),
    optionId: text("option_id"),
    submissionKey: text("submission_key"),
    receipt: text("receipt"),
    votedAt: timestampMs("voted_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.voterId] })],
);

// SQLite keeps these rows WITHOUT ROWID, laid out by receipt; a PostgreSQL heap keeps them in the order
// of casting. Decision 044 lists this as open: secret ballots do not run on PostgreSQL until it is solved.
export const secretVotes = pgTable(
  "secret_votes",
  {
    receipt: text("receipt").notNull(),
    ballotId: integer("ballot_id").notNull().references(() => ballots.id, { onDelete: "cascade" }),
    optionId: text("option_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.receipt] })],
);

export const ballotSubmissionKeys = pgTable(
  "ballot_submission_keys",
  {
    ballotId: integer("ballot_id").notNull().references(() => ballots.id, { onDelete: "cascade" }),
    receipt: text("receipt").notNull(),
    voterId: integer("voter_id").notNull().references(() => users.id, { onDelete: "restrict" }),
    acceptedAt: timestampMs("accepted_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.receipt] })],
);

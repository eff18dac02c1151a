import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { ballots, type BallotThreshold } from "./ballots";
import { matters } from "./matters";
import { representatives } from "./pool";
import { units } from "./units";

export const councilStatuses = ["draft", "announced", "live", "resolved", "cancelled"] as const;

/** 议事会 (民事民议): a deliberation meeting on one or more agenda items, one vote per item (一事一议). */
export const councils = sqliteTable(
  "councils",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    place: text("place").notNull(),
    scheduledAt: integer("scheduled_at", { mode: "timestamp_ms" }).notNull(),
    status: text("status", { enum: councilStatuses }).notNull().default("draft"),
    currentItemId: integer("current_item_id"),
    shortNoticeReason: text("short_notice_reason"),
    cancelledReason: text("cancelled_reason"),
    chairId: integer("chair_id").notNull().references(() => users.id, { onDelete: "restrict" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    announcedAt: integer("announced_at", { mode: "timestamp_ms" }),
    /** When the council actually began (the notice keeps scheduledAt); issue 14. */
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    /** Why the chair started before the announced time (shown publicly). */
    earlyStartReason: text("early_start_reason"),
  },
  (t) => [
    index("councils_community_idx").on(t.communityId, t.status),
    check("councils_status_check", sql`${t.status} in ('draft','announced','live','resolved','cancelled')`),
  ],
);

export type BallotRules = {
  secret: boolean;
  threshold: BallotThreshold;
  quorum: number;
  tieRule: "chair_decides" | "revote";
  allowChange: boolean;
  timeLimitSeconds?: number;
};

/** An agenda item: one matter, one proposal, one vote. */
export const councilItems = sqliteTable(
  "council_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    councilId: integer("council_id").notNull().references(() => councils.id, { onDelete: "cascade" }),
    matterId: integer("matter_id").notNull().references(() => matters.id, { onDelete: "restrict" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    proposal: text("proposal").notNull(),
    ballotRules: text("ballot_rules", { mode: "json" }).$type<BallotRules>().notNull(),
    status: text("status", { enum: ["pending", "open", "voting", "decided"] }).notNull().default("pending"),
    ballotId: integer("ballot_id").references(() => ballots.id, { onDelete: "set null" }),
    /** passed / failed / no_quorum / tie, frozen from the ballot. */
    outcome: text("outcome"),
    /** 同意率 in permille: votes for ÷ votes cast × 1000 (integers keep the record exact). */
    approvalRate: integer("approval_rate_permille"),
  },
  (t) => [uniqueIndex("council_items_position_unique").on(t.councilId, t.position)],
);

/** Who takes part: representatives of the community (voting members) and invited guests. */
export const councilParticipants = sqliteTable(
  "council_participants",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    councilId: integer("council_id").notNull().references(() => councils.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["representative", "guest"] }).notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    representativeId: integer("representative_id").references(() => representatives.id, { onDelete: "set null" }),
    /** A guest's name and organisation (property company, owners' committee…). */
    name: text("name").notNull(),
    voting: integer("voting", { mode: "boolean" }).notNull(),
    checkedInAt: integer("checked_in_at", { mode: "timestamp_ms" }),
    /**
     * How the public sees this participant, fixed when they were added (the record is immutable):
     * the name if a representative consented in the pool, else masked (server/councils/public-name.ts).
     */
    publicName: text("public_name"),
  },
  (t) => [index("council_participants_council_idx").on(t.councilId)],
);

/** The live discussion thread of an item; the chair can record spoken opinions. */
export const councilOpinions = sqliteTable("council_opinions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  itemId: integer("item_id").notNull().references(() => councilItems.id, { onDelete: "cascade" }),
  participantId: integer("participant_id").references(() => councilParticipants.id, { onDelete: "set null" }),
  authorName: text("author_name").notNull(),
  recordedByChair: integer("recorded_by_chair", { mode: "boolean" }).notNull().default(false),
  text: text("text").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

export const resolutionStatuses = ["draft", "notice", "implementing", "done"] as const;

/** 协商决议: the outcome of a decided item, published for notice (公示) and then implemented. */
export const resolutions = sqliteTable(
  "resolutions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    itemId: integer("item_id").notNull().references(() => councilItems.id, { onDelete: "restrict" }),
    councilId: integer("council_id").notNull().references(() => councils.id, { onDelete: "restrict" }),
    matterId: integer("matter_id").notNull().references(() => matters.id, { onDelete: "restrict" }),
    text: text("text").notNull(),
    responsible: text("responsible").notNull(),
    deadline: integer("deadline", { mode: "timestamp_ms" }).notNull(),
    status: text("status", { enum: resolutionStatuses }).notNull().default("draft"),
    noticeDays: integer("notice_days").notNull().default(7),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
    noticeEndsAt: integer("notice_ends_at", { mode: "timestamp_ms" }),
    doneAt: integer("done_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("resolutions_item_unique").on(t.itemId)],
);

/** Supervision committee progress updates on a resolution. */
export const progressUpdates = sqliteTable("progress_updates", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  resolutionId: integer("resolution_id").notNull().references(() => resolutions.id, { onDelete: "cascade" }),
  authorId: integer("author_id").notNull().references(() => users.id, { onDelete: "restrict" }),
  status: text("status", { enum: ["planned", "in_progress", "done", "blocked"] }).notNull(),
  note: text("note").notNull(),
  /** SHA-256 names of photos stored beside the database. */
  photos: text("photos", { mode: "json" }).$type<string[]>().notNull().default([]),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** 回访评价: satisfaction with an outcome (a resolution or a ruling), one per person. */
export const followUps = sqliteTable(
  "follow_ups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    subject: text("subject", { enum: ["resolution", "hearing"] }).notNull(),
    subjectId: integer("subject_id").notNull(),
    /** `user:<id>` or `party:<id>`. */
    rater: text("rater").notNull(),
    rating: text("rating", { enum: ["satisfied", "basically", "unsatisfied"] }).notNull(),
    comment: text("comment"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("follow_ups_unique").on(t.subject, t.subjectId, t.rater)],
);

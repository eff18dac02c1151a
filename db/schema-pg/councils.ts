// PostgreSQL mirror of db/schema/councils.ts (decision 044): same tables, columns, keys and names; what each
// column means is documented there. tests/scale-out/schema-parity.test.ts fails when the two drift apart.
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, json, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestampMs } from "./types";
import { councilStatuses, resolutionStatuses, type BallotRules } from "../schema/councils";
export { councilStatuses, resolutionStatuses, type BallotRules } from "../schema/councils";
import { users } from "./auth";
import { ballots } from "./ballots";
import { matters } from "./matters";
import { representatives } from "./pool";
import { units } from "./units";

export const councils = pgTable(
  "councils",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    communityId: integer("community_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    place: text("place").notNull(),
    scheduledAt: timestampMs("scheduled_at").notNull(),
    status: text("status", { enum: councilStatuses }).notNull().default("draft"),
    currentItemId: integer("current_item_id"),
    shortNoticeReason: text("short_notice_reason"),
    cancelledReason: text("cancelled_reason"),
    chairId: integer("chair_id").notNull().references(() => users.id, { onDelete: "restrict" }),
    createdAt: timestampMs("created_at").notNull(),
    announcedAt: timestampMs("announced_at"),
    startedAt: timestampMs("started_at"),
    earlyStartReason: text("early_start_reason"),
  },
  (t) => [
    index("councils_community_idx").on(t.communityId, t.status),
    check("councils_status_check", sql`${t.status} in ('draft','announced','live','resolved','cancelled')`),
  ],
);

export const councilItems = pgTable(
  "council_items",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    councilId: integer("council_id").notNull().references(() => councils.id, { onDelete: "cascade" }),
    matterId: integer("matter_id").notNull().references(() => matters.id, { onDelete: "restrict" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    proposal: text("proposal").notNull(),
    ballotRules: json("ballot_rules").$type<BallotRules>().notNull(),
    status: text("status", { enum: ["pending", "open", "voting", "decided"] }).notNull().default("pending"),
    ballotId: integer("ballot_id").references(() => ballots.id, { onDelete: "set null" }),
    outcome: text("outcome"),
    approvalRate: integer("approval_rate_permille"),
  },
  (t) => [uniqueIndex("council_items_position_unique").on(t.councilId, t.position)],
);

export const councilParticipants = pgTable(
  "council_participants",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    councilId: integer("council_id").notNull().references(() => councils.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["representative", "guest"] }).notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    representativeId: integer("representative_id").references(() => representatives.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    voting: boolean("voting").notNull(),
    checkedInAt: timestampMs("checked_in_at"),
    publicName: text("public_name"),
  },
  (t) => [index("council_participants_council_idx").on(t.councilId)],
);

export const councilOpinions = pgTable("council_opinions", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  itemId: integer("item_id").notNull().references(() => councilItems.id, { onDelete: "cascade" }),
  participantId: integer("participant_id").references(() => councilParticipants.id, { onDelete: "set null" }),
  authorName: text("author_name").notNull(),
  recordedByChair: boolean("recorded_by_chair").notNull().default(false),
  text: text("text").notNull(),
  createdAt: timestampMs("created_at").notNull(),
});

export const resolutions = pgTable(
  "resolutions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    itemId: integer("item_id").notNull().references(() => councilItems.id, { onDelete: "restrict" }),
    councilId: integer("council_id").notNull().references(() => councils.id, { onDelete: "restrict" }),
    matterId: integer("matter_id").notNull().references(() => matters.id, { onDelete: "restrict" }),
    text: text("text").notNull(),
    responsible: text("responsible").notNull(),
    deadline: timestampMs("deadline").notNull(),
    status: text("status", { enum: resolutionStatuses }).notNull().default("draft"),
    noticeDays: integer("notice_days").notNull().default(7),
    publishedAt: timestampMs("published_at"),
    noticeEndsAt: timestampMs("notice_ends_at"),
    doneAt: timestampMs("done_at"),
  },
  (t) => [uniqueIndex("resolutions_item_unique").on(t.itemId)],
);

export const progressUpdates = pgTable("progress_updates", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  resolutionId: integer("resolution_id").notNull().references(() => resolutions.id, { onDelete: "cascade" }),
  authorId: integer("author_id").notNull().references(() => users.id, { onDelete: "restrict" }),
  status: text("status", { enum: ["planned", "in_progress", "done", "blocked"] }).notNull(),
  note: text("note").notNull(),
  photos: json("photos").$type<string[]>().notNull().default([]),
  createdAt: timestampMs("created_at").notNull(),
});

export const followUps = pgTable(
  "follow_ups",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    subject: text("subject", { enum: ["resolution", "hearing"] }).notNull(),
    subjectId: integer("subject_id").notNull(),
    rater: text("rater").notNull(),
    rating: text("rating", { enum: ["satisfied", "basically", "unsatisfied"] }).notNull(),
    comment: text("comment"),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [uniqueIndex("follow_ups_unique").on(t.subject, t.subjectId, t.rater)],
);

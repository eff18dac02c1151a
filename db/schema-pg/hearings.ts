// PostgreSQL mirror of db/schema/hearings.ts (decision 044): same tables, columns, keys and names; what each
// column means is documented there. tests/scale-out/schema-parity.test.ts fails when the two drift apart.
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, json, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestampMs } from "./types";
import { hearingStatuses, hearingPhases, type Quota } from "../schema/hearings";
export { hearingStatuses, hearingPhases, type Quota, type HearingStatus, type HearingPhase } from "../schema/hearings";
import { users } from "./auth";
import { ballots } from "./ballots";
import { matters } from "./matters";
import { representatives } from "./pool";
import { units } from "./units";

export const hearings = pgTable(
  "hearings",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    matterId: integer("matter_id").notNull().references(() => matters.id, { onDelete: "restrict" }),
    communityId: integer("community_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    place: text("place").notNull(),
    scheduledAt: timestampMs("scheduled_at").notNull(),
    status: text("status", { enum: hearingStatuses }).notNull().default("draft"),
    phase: text("phase", { enum: hearingPhases }),
    panelSize: integer("panel_size").notNull(),
    alternatesCount: integer("alternates_count").notNull(),
    quotas: json("quotas").$type<Quota[]>().notNull(),
    challengesPerParty: integer("challenges_per_party").notNull().default(1),
    speakingBudgets: json("speaking_budgets").$type<Record<string, number>>().notNull(),
    shortNoticeReason: text("short_notice_reason"),
    cancelledReason: text("cancelled_reason"),
    chairId: integer("chair_id").notNull().references(() => users.id, { onDelete: "restrict" }),
    createdAt: timestampMs("created_at").notNull(),
    announcedAt: timestampMs("announced_at"),
    publishedAt: timestampMs("published_at"),
    startedAt: timestampMs("started_at"),
    earlyStartReason: text("early_start_reason"),
    challengeWindowClosedAt: timestampMs("challenge_window_closed_at"),
  },
  (t) => [
    index("hearings_community_idx").on(t.communityId, t.status),
    check(
      "hearings_status_check",
      sql`${t.status} in ('draft','announced','drawing','live','closed','published','cancelled')`,
    ),
    check("hearings_phase_check", sql`(${t.status} = 'live') = (${t.phase} is not null)`),
    check("hearings_panel_size_check", sql`${t.panelSize} >= 3 and ${t.panelSize} % 2 = 1`),
  ],
);

export const hearingParties = pgTable(
  "hearing_parties",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    maskedName: text("masked_name").notNull(),
    contact: text("contact"),
    representativeId: integer("representative_id").references(() => representatives.id, { onDelete: "set null" }),
    unitId: integer("unit_id").references(() => units.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("hearing_parties_position_unique").on(t.hearingId, t.position)],
);

export const draws = pgTable("draws", {
  hearingId: integer("hearing_id")
    .primaryKey()
    .references(() => hearings.id, { onDelete: "cascade" }),
  status: text("status", { enum: ["collecting", "drawn"] }).notNull(),
  secret: text("secret").notNull(),
  commitment: text("commitment").notNull(),
  snapshot: json("snapshot").$type<{ id: string; features: Record<string, string>; representativeId: number }[]>().notNull(),
  snapshotHash: text("snapshot_hash").notNull(),
  exclusions: json("exclusions").$type<{ id: string; reason: string; note?: string }[]>().notNull(),
  distribution: json("distribution").$type<Record<string, unknown>>(),
  record: json("record").$type<Record<string, unknown>>(),
  openedAt: timestampMs("opened_at").notNull(),
  drawnAt: timestampMs("drawn_at"),
});

export const drawContributions = pgTable(
  "draw_contributions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
    by: text("by").notNull(),
    value: text("value").notNull(),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [uniqueIndex("draw_contributions_by_unique").on(t.hearingId, t.by)],
);

export const panelSeats = pgTable(
  "panel_seats",
  {
    hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
    representativeId: integer("representative_id").notNull().references(() => representatives.id, { onDelete: "restrict" }),
    role: text("role", { enum: ["juror", "alternate"] }).notNull(),
    position: integer("position").notNull(),
    status: text("status", { enum: ["active", "challenged", "replaced"] }).notNull().default("active"),
    checkedInAt: timestampMs("checked_in_at"),
    consentToName: boolean("consent_to_name").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.hearingId, t.representativeId] })],
);

export const challenges = pgTable("challenges", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
  partyId: integer("party_id").notNull().references(() => hearingParties.id, { onDelete: "cascade" }),
  representativeId: integer("representative_id").notNull().references(() => representatives.id, { onDelete: "restrict" }),
  reason: text("reason").notNull(),
  replacementId: integer("replacement_id").references(() => representatives.id, { onDelete: "restrict" }),
  createdAt: timestampMs("created_at").notNull(),
});

export const transcriptEntries = pgTable(
  "transcript_entries",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
    phase: text("phase", { enum: hearingPhases }).notNull(),
    speakerKind: text("speaker_kind", { enum: ["party", "mediator", "juror"] }).notNull(),
    partyId: integer("party_id").references(() => hearingParties.id, { onDelete: "cascade" }),
    recordedByMediator: boolean("recorded_by_mediator").notNull().default(false),
    text: text("text").notNull(),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [index("transcript_hearing_idx").on(t.hearingId)],
);

export const exhibits = pgTable(
  "exhibits",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
    partyId: integer("party_id").notNull().references(() => hearingParties.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    status: text("status", { enum: ["submitted", "admitted", "rejected"] }).notNull().default("submitted"),
    number: integer("number"),
    rejectReason: text("reject_reason"),
    visibility: text("visibility", { enum: ["panel", "public"] }).notNull().default("panel"),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [index("exhibits_hearing_idx").on(t.hearingId), uniqueIndex("exhibits_number_unique").on(t.hearingId, t.number)],
);

export const exhibitOpinions = pgTable("exhibit_opinions", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  exhibitId: integer("exhibit_id").notNull().references(() => exhibits.id, { onDelete: "cascade" }),
  partyId: integer("party_id").notNull().references(() => hearingParties.id, { onDelete: "cascade" }),
  text: text("text").notNull(),
  createdAt: timestampMs("created_at").notNull(),
});

export const jurorQuestions = pgTable("juror_questions", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
  representativeId: integer("representative_id").notNull().references(() => representatives.id, { onDelete: "restrict" }),
  text: text("text").notNull(),
  status: text("status", { enum: ["queued", "put", "dismissed"] }).notNull().default("queued"),
  putToPartyId: integer("put_to_party_id").references(() => hearingParties.id, { onDelete: "set null" }),
  createdAt: timestampMs("created_at").notNull(),
});

export const deliberationMessages = pgTable("deliberation_messages", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
  authorId: integer("author_id").notNull().references(() => users.id, { onDelete: "restrict" }),
  text: text("text").notNull(),
  createdAt: timestampMs("created_at").notNull(),
});

export const rulings = pgTable("rulings", {
  hearingId: integer("hearing_id")
    .primaryKey()
    .references(() => hearings.id, { onDelete: "cascade" }),
  ballotId: integer("ballot_id").references(() => ballots.id, { onDelete: "set null" }),
  reasons: text("reasons").notNull(),
  saying: text("saying").notNull(),
  createdAt: timestampMs("created_at").notNull(),
  publishedAt: timestampMs("published_at"),
});

export const hearingFloor = pgTable("hearing_floor", {
  hearingId: integer("hearing_id")
    .primaryKey()
    .references(() => hearings.id, { onDelete: "cascade" }),
  partyId: integer("party_id").references(() => hearingParties.id, { onDelete: "set null" }),
  phase: text("phase", { enum: hearingPhases }),
  elapsedMs: integer("elapsed_ms").notNull().default(0),
  runningSince: timestampMs("running_since"),
});

export const speakingTime = pgTable(
  "speaking_time",
  {
    hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
    partyId: integer("party_id").notNull().references(() => hearingParties.id, { onDelete: "cascade" }),
    phase: text("phase", { enum: hearingPhases }).notNull(),
    usedMs: integer("used_ms").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.hearingId, t.partyId, t.phase] })],
);

export const challengeRequests = pgTable(
  "challenge_requests",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
    partyId: integer("party_id").notNull().references(() => hearingParties.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["challenge", "waiver"] }).notNull(),
    juror: text("juror"),
    reason: text("reason"),
    status: text("status", { enum: ["pending", "granted", "refused", "waived"] }).notNull(),
    decisionReason: text("decision_reason"),
    decidedAt: timestampMs("decided_at"),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [index("challenge_requests_hearing_idx").on(t.hearingId)],
);

export const hearingAdjournments = pgTable("hearing_adjournments", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
  reason: text("reason").notNull(),
  fromScheduledAt: timestampMs("from_scheduled_at").notNull(),
  toScheduledAt: timestampMs("to_scheduled_at").notNull(),
  place: text("place").notNull(),
  createdAt: timestampMs("created_at").notNull(),
});

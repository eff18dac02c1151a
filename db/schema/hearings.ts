import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { ballots } from "./ballots";
import { matters } from "./matters";
import { representatives } from "./pool";
import { units } from "./units";

export const hearingStatuses = ["draft", "announced", "drawing", "live", "closed", "published", "cancelled"] as const;
export type HearingStatus = (typeof hearingStatuses)[number];
/** The live procedure of seed 001 §(四)3, in order. */
export const hearingPhases = ["checkin", "opening", "statements", "evidence", "debate", "deliberation", "voting", "verdict"] as const;
export type HearingPhase = (typeof hearingPhases)[number];

export type Quota = { category: string; feature: string; min: number; max: number };

/** 评理大会: a public jury hearing on one matter. */
export const hearings = sqliteTable(
  "hearings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    matterId: integer("matter_id").notNull().references(() => matters.id, { onDelete: "restrict" }),
    communityId: integer("community_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    place: text("place").notNull(),
    scheduledAt: integer("scheduled_at", { mode: "timestamp_ms" }).notNull(),
    status: text("status", { enum: hearingStatuses }).notNull().default("draft"),
    /** The live phase while status = live (null otherwise). */
    phase: text("phase", { enum: hearingPhases }),
    panelSize: integer("panel_size").notNull(),
    alternatesCount: integer("alternates_count").notNull(),
    quotas: text("quotas", { mode: "json" }).$type<Quota[]>().notNull(),
    /** Challenges (申请回避) each party may make. */
    challengesPerParty: integer("challenges_per_party").notNull().default(1),
    /** Speaking budget per party and phase, in seconds: {"statements": 300, "debate": 180}. */
    speakingBudgets: text("speaking_budgets", { mode: "json" }).$type<Record<string, number>>().notNull(),
    /** Why the notice period is shorter than 7 days (null when it is not). */
    shortNoticeReason: text("short_notice_reason"),
    cancelledReason: text("cancelled_reason"),
    chairId: integer("chair_id").notNull().references(() => users.id, { onDelete: "restrict" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    announcedAt: integer("announced_at", { mode: "timestamp_ms" }),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
    /** When the live session actually began (the notice keeps scheduledAt); issue 14. */
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    /** Why the chair started before the announced time (shown publicly); null when on time. */
    earlyStartReason: text("early_start_reason"),
    /** The chair closed the challenge window (申请回避期限届满); null while it is open. */
    challengeWindowClosedAt: integer("challenge_window_closed_at", { mode: "timestamp_ms" }),
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

/** 涉事各方: the parties. `representativeId` links a party who is also in the pool (to exclude them). */
export const hearingParties = sqliteTable(
  "hearing_parties",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
    /** 甲方, 乙方, … in the order they were entered. */
    position: integer("position").notNull(),
    name: text("name").notNull(),
    /** What the public sees: 张某. */
    maskedName: text("masked_name").notNull(),
    contact: text("contact"),
    representativeId: integer("representative_id").references(() => representatives.id, { onDelete: "set null" }),
    /** Unit (building) the party lives in, for neighbour exclusions. */
    unitId: integer("unit_id").references(() => units.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("hearing_parties_position_unique").on(t.hearingId, t.position)],
);

/**
 * The draw's working state. The secret stays here, unpublished, until contributions close; the
 * final JSON draw record (everything needed to recompute it) is written when the panel is drawn.
 */
export const draws = sqliteTable("draws", {
  hearingId: integer("hearing_id")
    .primaryKey()
    .references(() => hearings.id, { onDelete: "cascade" }),
  status: text("status", { enum: ["collecting", "drawn"] }).notNull(),
  secret: text("secret").notNull(),
  commitment: text("commitment").notNull(),
  /** The frozen eligible pool in canonical order; representativeId is private and never published. */
  snapshot: text("snapshot", { mode: "json" }).$type<{ id: string; features: Record<string, string>; representativeId: number }[]>().notNull(),
  snapshotHash: text("snapshot_hash").notNull(),
  exclusions: text("exclusions", { mode: "json" }).$type<{ id: string; reason: string; note?: string }[]>().notNull(),
  /** Distribution over panels (LEXIMIN), computed when the snapshot is frozen. */
  distribution: text("distribution", { mode: "json" }).$type<Record<string, unknown>>(),
  record: text("record", { mode: "json" }).$type<Record<string, unknown>>(),
  openedAt: integer("opened_at", { mode: "timestamp_ms" }).notNull(),
  drawnAt: integer("drawn_at", { mode: "timestamp_ms" }),
});

/** Each party's (and optionally an external public) contribution to the seed. */
export const drawContributions = sqliteTable(
  "draw_contributions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
    /** `party:<id>` or `external`. */
    by: text("by").notNull(),
    value: text("value").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("draw_contributions_by_unique").on(t.hearingId, t.by)],
);

/** 评理团: jurors and alternates; seat order is the draw order. */
export const panelSeats = sqliteTable(
  "panel_seats",
  {
    hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
    representativeId: integer("representative_id").notNull().references(() => representatives.id, { onDelete: "restrict" }),
    role: text("role", { enum: ["juror", "alternate"] }).notNull(),
    /** Order within its role, from the draw. */
    position: integer("position").notNull(),
    status: text("status", { enum: ["active", "challenged", "replaced"] }).notNull().default("active"),
    checkedInAt: integer("checked_in_at", { mode: "timestamp_ms" }),
    /** A juror may consent to be named on the public page; pseudonymous otherwise. */
    consentToName: integer("consent_to_name", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.hearingId, t.representativeId] })],
);

/** 申请回避: a party asks for a juror to be replaced. */
export const challenges = sqliteTable("challenges", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
  partyId: integer("party_id").notNull().references(() => hearingParties.id, { onDelete: "cascade" }),
  representativeId: integer("representative_id").notNull().references(() => representatives.id, { onDelete: "restrict" }),
  reason: text("reason").notNull(),
  replacementId: integer("replacement_id").references(() => representatives.id, { onDelete: "restrict" }),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** The transcript: statements, summaries recorded for a party, debate, questions put. */
export const transcriptEntries = sqliteTable(
  "transcript_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
    phase: text("phase", { enum: hearingPhases }).notNull(),
    speakerKind: text("speaker_kind", { enum: ["party", "mediator", "juror"] }).notNull(),
    partyId: integer("party_id").references(() => hearingParties.id, { onDelete: "cascade" }),
    /** True when the mediator recorded a spoken statement on the party's behalf. */
    recordedByMediator: integer("recorded_by_mediator", { mode: "boolean" }).notNull().default(false),
    text: text("text").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("transcript_hearing_idx").on(t.hearingId)],
);

/** 举证: exhibits, stored on disk under their SHA-256. */
export const exhibits = sqliteTable(
  "exhibits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
    partyId: integer("party_id").notNull().references(() => hearingParties.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    status: text("status", { enum: ["submitted", "admitted", "rejected"] }).notNull().default("submitted"),
    /** 证据1, 证据2 … assigned on admission. */
    number: integer("number"),
    rejectReason: text("reject_reason"),
    visibility: text("visibility", { enum: ["panel", "public"] }).notNull().default("panel"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("exhibits_hearing_idx").on(t.hearingId), uniqueIndex("exhibits_number_unique").on(t.hearingId, t.number)],
);

/** 质证意见: another party's opinion on an admitted exhibit. */
export const exhibitOpinions = sqliteTable("exhibit_opinions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  exhibitId: integer("exhibit_id").notNull().references(() => exhibits.id, { onDelete: "cascade" }),
  partyId: integer("party_id").notNull().references(() => hearingParties.id, { onDelete: "cascade" }),
  text: text("text").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** Jurors' questions, queued for the mediator, who may put them to a party. */
export const jurorQuestions = sqliteTable("juror_questions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
  representativeId: integer("representative_id").notNull().references(() => representatives.id, { onDelete: "restrict" }),
  text: text("text").notNull(),
  status: text("status", { enum: ["queued", "put", "dismissed"] }).notNull().default("queued"),
  putToPartyId: integer("put_to_party_id").references(() => hearingParties.id, { onDelete: "set null" }),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** The private deliberation channel (jurors and mediator only). */
export const deliberationMessages = sqliteTable("deliberation_messages", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
  authorId: integer("author_id").notNull().references(() => users.id, { onDelete: "restrict" }),
  text: text("text").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** 评理结果 */
export const rulings = sqliteTable("rulings", {
  hearingId: integer("hearing_id")
    .primaryKey()
    .references(() => hearings.id, { onDelete: "cascade" }),
  ballotId: integer("ballot_id").references(() => ballots.id, { onDelete: "set null" }),
  /** 评理理由 */
  reasons: text("reasons").notNull(),
  /** 给当事人的说法 */
  saying: text("saying").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  publishedAt: integer("published_at", { mode: "timestamp_ms" }),
});

/** The floor and the speaking timer, kept in the database so a restart loses nothing. */
export const hearingFloor = sqliteTable("hearing_floor", {
  hearingId: integer("hearing_id")
    .primaryKey()
    .references(() => hearings.id, { onDelete: "cascade" }),
  partyId: integer("party_id").references(() => hearingParties.id, { onDelete: "set null" }),
  phase: text("phase", { enum: hearingPhases }),
  /** Time already spoken before the current run, in ms. */
  elapsedMs: integer("elapsed_ms").notNull().default(0),
  /** Server time the timer was (re)started; null while paused. */
  runningSince: integer("running_since", { mode: "timestamp_ms" }),
});

/** Speaking time used per party and phase, against the phase's budget. */
export const speakingTime = sqliteTable(
  "speaking_time",
  {
    hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
    partyId: integer("party_id").notNull().references(() => hearingParties.id, { onDelete: "cascade" }),
    phase: text("phase", { enum: hearingPhases }).notNull(),
    usedMs: integer("used_ms").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.hearingId, t.partyId, t.phase] })],
);

/**
 * 申请回避 as a procedure (issue 14): a party's request with its reason, decided by the mediator with
 * a reason; a waiver (kind = waiver) says the party will not challenge. A granted request is applied
 * by the draw's replacement rule and then also appears in `challenges`.
 */
export const challengeRequests = sqliteTable(
  "challenge_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
    partyId: integer("party_id").notNull().references(() => hearingParties.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["challenge", "waiver"] }).notNull(),
    /** The juror's pool pseudonym (the draw record's id), null for a waiver. */
    juror: text("juror"),
    reason: text("reason"),
    status: text("status", { enum: ["pending", "granted", "refused", "waived"] }).notNull(),
    decisionReason: text("decision_reason"),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("challenge_requests_hearing_idx").on(t.hearingId)],
);

/** 休会/改期: each adjournment of a hearing, with the new time and place (a new notice). */
export const hearingAdjournments = sqliteTable("hearing_adjournments", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  hearingId: integer("hearing_id").notNull().references(() => hearings.id, { onDelete: "cascade" }),
  reason: text("reason").notNull(),
  fromScheduledAt: integer("from_scheduled_at", { mode: "timestamp_ms" }).notNull(),
  toScheduledAt: integer("to_scheduled_at", { mode: "timestamp_ms" }).notNull(),
  place: text("place").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

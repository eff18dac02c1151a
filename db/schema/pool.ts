import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { units } from "./units";

/** 两代表一委员 / 专业人才 / 社会人士(老党员等) / 居民代表 (seed 001). */
export const representativeCategories = ["deputy", "professional", "elder", "resident"] as const;
export type RepresentativeCategory = (typeof representativeCategories)[number];
/** 自荐 / 组织推荐 */
export const nominations = ["self", "organisation"] as const;
export const representativeStatuses = ["active", "suspended", "retired"] as const;

/** The representative pool (议事代表库). A representative may have a login (to vote on a phone) or not. */
export const representatives = sqliteTable(
  "representatives",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    phone: text("phone"),
    /** The community, grid or building the representative lives in. */
    unitId: integer("unit_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    /** The community, denormalised from unitId: every pool query filters by it. */
    communityId: integer("community_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    category: text("category", { enum: representativeCategories }).notNull(),
    nomination: text("nomination", { enum: nominations }).notNull(),
    /** Free features used for quotas, e.g. {"gender":"female","age":"60+"}. */
    features: text("features", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    status: text("status", { enum: representativeStatuses }).notNull().default("active"),
    /** Why and since when the representative is suspended or retired (dynamic adjustment, seed 001). */
    statusReason: text("status_reason"),
    statusChangedAt: integer("status_changed_at", { mode: "timestamp_ms" }),
    /** Days (YYYY-MM-DD, Asia/Shanghai) the representative cannot sit on a panel. */
    unavailableDates: text("unavailable_dates", { mode: "json" }).$type<string[]>().notNull().default([]),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    /**
     * When the representative agreed to be named in public (e.g. as a council participant); null: shown
     * masked, 张某 · 居民代表 (issue 12). Recorded in the pool, withdrawn by setting it back to null.
     */
    publicNameConsentAt: integer("public_name_consent_at", { mode: "timestamp_ms" }),
    /** Set when the representative's personal data was removed on request (docs/privacy.md). */
    anonymisedAt: integer("anonymised_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("representatives_community_idx").on(t.communityId, t.status),
    index("representatives_user_idx").on(t.userId),
    check("representatives_category_check", sql`${t.category} in ('deputy','professional','elder','resident')`),
    check("representatives_nomination_check", sql`${t.nomination} in ('self','organisation')`),
    check("representatives_status_check", sql`${t.status} in ('active','suspended','retired')`),
  ],
);

/** Training records (date, topic). */
export const representativeTrainings = sqliteTable(
  "representative_trainings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    representativeId: integer("representative_id").notNull().references(() => representatives.id, { onDelete: "cascade" }),
    date: text("date").notNull(),
    topic: text("topic").notNull(),
  },
  (t) => [index("representative_trainings_rep_idx").on(t.representativeId)],
);

export const conflictKinds = ["relative", "neighbour", "employer", "other"] as const;

/**
 * Declared conflicts of interest: with a named person (free text, matched against party names),
 * another representative, or a unit (e.g. an employer's building or the same building).
 */
export const representativeConflicts = sqliteTable(
  "representative_conflicts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    representativeId: integer("representative_id").notNull().references(() => representatives.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: conflictKinds }).notNull(),
    personName: text("person_name"),
    otherRepresentativeId: integer("other_representative_id").references(() => representatives.id, { onDelete: "cascade" }),
    unitId: integer("unit_id").references(() => units.id, { onDelete: "cascade" }),
    note: text("note"),
  },
  (t) => [
    index("representative_conflicts_rep_idx").on(t.representativeId),
    check("representative_conflicts_target_check", sql`coalesce(${t.personName}, ${t.otherRepresentativeId}, ${t.unitId}) is not null`),
  ],
);

/** The free features a community uses for quotas, e.g. gender: [female, male]; age: [18-39, 40-59, 60+]. */
export const poolFeatures = sqliteTable(
  "pool_features",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id").notNull().references(() => units.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    label: text("label").notNull(),
    values: text("values", { mode: "json" }).$type<string[]>().notNull(),
  },
  (t) => [index("pool_features_community_idx").on(t.communityId)],
);

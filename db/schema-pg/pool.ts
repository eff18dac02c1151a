// PostgreSQL mirror of db/schema/pool.ts (decision 044): same tables, columns, keys and names; what each
// column means is documented there. tests/scale-out/schema-parity.test.ts fails when the two drift apart.
import { sql } from "drizzle-orm";
import { check, index, integer, json, pgTable, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./types";
import { representativeCategories, nominations, representativeStatuses, conflictKinds } from "../schema/pool";
export { representativeCategories, nominations, representativeStatuses, conflictKinds, type RepresentativeCategory } from "../schema/pool";
import { users } from "./auth";
import { units } from "./units";

export const representatives = pgTable(
  "representatives",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    phone: text("phone"),
    unitId: integer("unit_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    communityId: integer("community_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    category: text("category", { enum: representativeCategories }).notNull(),
    nomination: text("nomination", { enum: nominations }).notNull(),
    features: json("features").$type<Record<string, string>>().notNull().default({}),
    status: text("status", { enum: representativeStatuses }).notNull().default("active"),
    statusReason: text("status_reason"),
    statusChangedAt: timestampMs("status_changed_at"),
    unavailableDates: json("unavailable_dates").$type<string[]>().notNull().default([]),
    createdAt: timestampMs("created_at").notNull(),
    publicNameConsentAt: timestampMs("public_name_consent_at"),
    anonymisedAt: timestampMs("anonymised_at"),
  },
  (t) => [
    index("representatives_community_idx").on(t.communityId, t.status),
    index("representatives_user_idx").on(t.userId),
    check("representatives_category_check", sql`${t.category} in ('deputy','professional','elder','resident')`),
    check("representatives_nomination_check", sql`${t.nomination} in ('self','organisation')`),
    check("representatives_status_check", sql`${t.status} in ('active','suspended','retired')`),
  ],
);

export const representativeTrainings = pgTable(
  "representative_trainings",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    representativeId: integer("representative_id").notNull().references(() => representatives.id, { onDelete: "cascade" }),
    date: text("date").notNull(),
    topic: text("topic").notNull(),
  },
  (t) => [index("representative_trainings_rep_idx").on(t.representativeId)],
);

export const representativeConflicts = pgTable(
  "representative_conflicts",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    representativeId: integer("representative_id").notNull().references(() => representatives.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: conflictKinds }).notNull(),
    personName: text("person_name"),
    otherRepresentativeId: integer("other_representative_id").references(() => representatives.id, { onDelete: "cascade" }),
    unitId: integer("unit_id").references(() => units.id, { onDelete: "cascade" }),
    note: text("note"),
  },
  (t) => [
    index("representative_conflicts_rep_idx").on(t.representativeId),
    // coalesce() of text and integer is a type error in PostgreSQL; num_nonnulls says the same thing.
    check("representative_conflicts_target_check", sql`num_nonnulls(${t.personName}, ${t.otherRepresentativeId}, ${t.unitId}) > 0`),
  ],
);

export const poolFeatures = pgTable(
  "pool_features",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    communityId: integer("community_id").notNull().references(() => units.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    label: text("label").notNull(),
    values: json("values").$type<string[]>().notNull(),
  },
  (t) => [index("pool_features_community_idx").on(t.communityId)],
);

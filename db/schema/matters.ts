import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { units } from "./units";

/** 三事: 公事 government affair / 共事 shared community affair / 家事 personal affair (seed 002). */
export const matterScopes = ["public", "shared", "private"] as const;
/** 一般 / 较难 / 困难 (seed 000). */
export const matterDifficulties = ["normal", "hard", "severe"] as const;
/** Where the matter came from: 12345 hotline, petition office, home visit, suggestion box, online, letter/phone. */
export const matterSources = ["hotline", "petition", "visit", "suggestion_box", "online", "letter_phone"] as const;
export const matterStatuses = ["open", "in_council", "in_hearing", "resolved", "closed"] as const;

/** The matters ledger (事项台账): one row per problem raised, shared by councils and hearings. */
export const matters = sqliteTable(
  "matters",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    gridId: integer("grid_id").references(() => units.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /**
     * What the public is shown of the matter, approved by the mediator (issue 12); the description above
     * is internal. Null: nothing of the matter but its title is public.
     */
    publicSummary: text("public_summary"),
    scope: text("scope", { enum: matterScopes }).notNull(),
    difficulty: text("difficulty", { enum: matterDifficulties }).notNull(),
    source: text("source", { enum: matterSources }).notNull(),
    reporterName: text("reporter_name"),
    status: text("status", { enum: matterStatuses }).notNull().default("open"),
    reportedAt: integer("reported_at", { mode: "timestamp_ms" }).notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("matters_community_idx").on(t.communityId, t.status),
    check("matters_scope_check", sql`${t.scope} in ('public','shared','private')`),
    check("matters_difficulty_check", sql`${t.difficulty} in ('normal','hard','severe')`),
    check("matters_status_check", sql`${t.status} in ('open','in_council','in_hearing','resolved','closed')`),
  ],
);

// PostgreSQL mirror of db/schema/matters.ts (decision 044): same tables, columns, keys and names; what each
// column means is documented there. tests/scale-out/schema-parity.test.ts fails when the two drift apart.
import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./types";
import { matterScopes, matterDifficulties, matterSources, matterStatuses } from "../schema/matters";
export { matterScopes, matterDifficulties, matterSources, matterStatuses } from "../schema/matters";
import { users } from "./auth";
import { units } from "./units";

export const matters = pgTable(
  "matters",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    communityId: integer("community_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    gridId: integer("grid_id").references(() => units.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    publicSummary: text("public_summary"),
    scope: text("scope", { enum: matterScopes }).notNull(),
    difficulty: text("difficulty", { enum: matterDifficulties }).notNull(),
    source: text("source", { enum: matterSources }).notNull(),
    reporterName: text("reporter_name"),
    status: text("status", { enum: matterStatuses }).notNull().default("open"),
    reportedAt: timestampMs("reported_at").notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestampMs("created_at").notNull(),
    updatedAt: timestampMs("updated_at").notNull(),
  },
  (t) => [
    index("matters_community_idx").on(t.communityId, t.status),
    check("matters_scope_check", sql`${t.scope} in ('public','shared','private')`),
    check("matters_difficulty_check", sql`${t.difficulty} in ('normal','hard','severe')`),
    check("matters_status_check", sql`${t.status} in ('open','in_council','in_hearing','resolved','closed')`),
  ],
);

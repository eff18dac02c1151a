import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";

/** The administrative tree of seed 004: 街道 street → 社区 community → 网格 grid → 楼栋 building. */
export const unitKinds = ["street", "community", "grid", "building"] as const;
export type UnitKind = (typeof unitKinds)[number];

export const units = sqliteTable(
  "units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: unitKinds }).notNull(),
    name: text("name").notNull(),
    parentId: integer("parent_id").references((): AnySQLiteColumn => units.id, { onDelete: "restrict" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    /** A retired unit keeps its records (pool, meetings) but takes no new ones. */
    retiredAt: integer("retired_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("units_parent_idx").on(t.parentId),
    check("units_kind_check", sql`${t.kind} in ('street','community','grid','building')`),
    // Only a street may be a root; everything else hangs under a parent.
    check("units_parent_check", sql`(${t.kind} = 'street') = (${t.parentId} is null)`),
  ],
);

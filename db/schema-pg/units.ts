// PostgreSQL mirror of db/schema/units.ts (decision 044): same tables, columns, keys and names; what each
// column means is documented there. tests/scale-out/schema-parity.test.ts fails when the two drift apart.
import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./types";
import { unitKinds } from "../schema/units";
export { unitKinds, type UnitKind } from "../schema/units";

export const units = pgTable(
  "units",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    kind: text("kind", { enum: unitKinds }).notNull(),
    name: text("name").notNull(),
    parentId: integer("parent_id").references((): AnyPgColumn => units.id, { onDelete: "restrict" }),
    createdAt: timestampMs("created_at").notNull(),
    retiredAt: timestampMs("retired_at"),
  },
  (t) => [
    index("units_parent_idx").on(t.parentId),
    check("units_kind_check", sql`${t.kind} in ('street','community','grid','building')`),
    check("units_parent_check", sql`(${t.kind} = 'street') = (${t.parentId} is null)`),
  ],
);

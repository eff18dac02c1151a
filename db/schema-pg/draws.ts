// PostgreSQL mirror of db/schema/draws.ts (decision 044): same tables, columns, keys and names; what each
// column means is documented there. tests/scale-out/schema-parity.test.ts fails when the two drift apart.
import { integer, json, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestampMs } from "./types";
import { hearings } from "./hearings";

export const drawOpenings = pgTable(
  "draw_openings",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    hearingId: integer("hearing_id")
      .notNull()
      .references(() => hearings.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    status: text("status", { enum: ["committing", "revealing", "drawn", "superseded"] }).notNull(),
    secret: text("secret").notNull(),
    openingHash: text("opening_hash").notNull(),
    opened: json("opened").$type<Record<string, unknown>>().notNull(),
    identities: json("identities").$type<Record<string, number>>().notNull(),
    supersededReason: text("superseded_reason"),
    revealDeadline: timestampMs("reveal_deadline"),
    external: text("external"),
    createdAt: timestampMs("created_at").notNull(),
    drawnAt: timestampMs("drawn_at"),
  },
  (t) => [uniqueIndex("draw_openings_number_unique").on(t.hearingId, t.number)],
);

export const drawCommitments = pgTable(
  "draw_commitments",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    openingId: integer("opening_id")
      .notNull()
      .references(() => drawOpenings.id, { onDelete: "cascade" }),
    by: text("by").notNull(),
    commitment: text("commitment").notNull(),
    value: text("value"),
    salt: text("salt"),
    committedAt: timestampMs("committed_at").notNull(),
    revealedAt: timestampMs("revealed_at"),
  },
  (t) => [uniqueIndex("draw_commitments_by_unique").on(t.openingId, t.by)],
);

import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { hearings } from "./hearings";

/**
 * Every opening of a hearing's draw (protocol v2, docs/draw-spec.md), superseded ones included:
 * the number of openings is public and each later one names the one it replaced.
 */
export const drawOpenings = sqliteTable(
  "draw_openings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    hearingId: integer("hearing_id")
      .notNull()
      .references(() => hearings.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    status: text("status", { enum: ["committing", "revealing", "drawn", "superseded"] }).notNull(),
    /** The office secret; published only with the record. */
    secret: text("secret").notNull(),
    openingHash: text("opening_hash").notNull(),
    /** What was published at opening: the opening core, snapshot, exclusions, lottery, probabilities. */
    opened: text("opened", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** Pseudonym → representative id; private, never published. */
    identities: text("identities", { mode: "json" }).$type<Record<string, number>>().notNull(),
    /** Why this opening was superseded (set on the old one when a new opening replaces it). */
    supersededReason: text("superseded_reason"),
    /** Set when the last commitment arrives: reveals are accepted until then. */
    revealDeadline: integer("reveal_deadline", { mode: "timestamp_ms" }),
    /** The named external value in canonical form, entered once. */
    external: text("external"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    drawnAt: integer("drawn_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("draw_openings_number_unique").on(t.hearingId, t.number)],
);

/** Each contributor's commitment to an opening, and its reveal once made. */
export const drawCommitments = sqliteTable(
  "draw_commitments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    openingId: integer("opening_id")
      .notNull()
      .references(() => drawOpenings.id, { onDelete: "cascade" }),
    /** `party:<id>`. */
    by: text("by").notNull(),
    commitment: text("commitment").notNull(),
    value: text("value"),
    salt: text("salt"),
    committedAt: integer("committed_at", { mode: "timestamp_ms" }).notNull(),
    revealedAt: integer("revealed_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("draw_commitments_by_unique").on(t.openingId, t.by)],
);

import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Whose record an entry belongs to: every hearing and every council has its own chain. */
export const ledgerScopes = ["hearing", "council"] as const;
export type LedgerScope = (typeof ledgerScopes)[number];

/**
 * The append-only, hash-chained record (台账) of a hearing or council. Each entry's hash covers the
 * previous entry's hash, so changing or removing any entry breaks every hash after it.
 * Written in the same transaction as the state change it records.
 */
export const ledgerEntries = sqliteTable(
  "ledger_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    scope: text("scope", { enum: ledgerScopes }).notNull(),
    scopeId: integer("scope_id").notNull(),
    /** 1, 2, 3 … within the scope. */
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    /** Who did it, as shown in the record: {kind, id?, name?} — pseudonymous where the public reads it. */
    actor: text("actor", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [uniqueIndex("ledger_scope_seq_unique").on(t.scope, t.scopeId, t.seq), index("ledger_type_idx").on(t.scope, t.scopeId, t.type)],
);

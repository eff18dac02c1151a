// PostgreSQL mirror of db/schema/ledger.ts (decision 044): same tables, columns, keys and names; what each
// column means is documented there. tests/scale-out/schema-parity.test.ts fails when the two drift apart.
import { index, integer, json, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestampMs } from "./types";
import { ledgerScopes } from "../schema/ledger";
export { ledgerScopes, type LedgerScope } from "../schema/ledger";

export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    scope: text("scope", { enum: ledgerScopes }).notNull(),
    scopeId: integer("scope_id").notNull(),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    actor: json("actor").$type<Record<string, unknown>>().notNull(),
    payload: json("payload").$type<Record<string, unknown>>().notNull(),
    at: timestampMs("at").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [uniqueIndex("ledger_scope_seq_unique").on(t.scope, t.scopeId, t.seq), index("ledger_type_idx").on(t.scope, t.scopeId, t.type)],
);

import { getTableName, is, type Column } from "drizzle-orm";
import { getTableConfig as pgConfig, integer, PgTable, pgTable, text } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as sqliteSchema from "../../db/schema";
import * as pgSchema from "../../db/schema-pg";
import { timestampMs } from "../../db/schema-pg/types";

/**
 * The PostgreSQL schema is a second module beside the SQLite one (decision 044). This test is what keeps
 * them one schema: every table, column, key, index, foreign key and check of one exists in the other,
 * under the same export name, with the type the other engine's representation calls for.
 */

type ColumnShape = { name: string; kind: string; notNull: boolean; primary: boolean; generatedId: boolean; default: unknown; enumValues: string[] | null };
type TableShape = {
  name: string;
  columns: ColumnShape[];
  primaryKeys: string[][];
  indexes: { name: string; columns: string[]; unique: boolean }[];
  uniques: { name: string | undefined; columns: string[] }[];
  foreignKeys: { name: string; columns: string[]; foreignTable: string; foreignColumns: string[]; onDelete: string | undefined; onUpdate: string | undefined }[];
  checks: string[];
};

/** The engine-neutral kind of a column: what the domain code reads and writes through it. */
function sqliteKind(c: Column): string {
  const cfg = c as Column & { mode?: string };
  switch (c.columnType) {
    case "SQLiteTimestamp":
      return cfg.mode === "timestamp_ms" ? "timestamp_ms" : `SQLiteTimestamp(${cfg.mode})`;
    case "SQLiteBoolean":
      return "boolean";
    case "SQLiteTextJson":
      return "json";
    case "SQLiteText":
      return "text";
    case "SQLiteInteger":
      return "integer";
    default:
      return c.columnType;
  }
}

function pgKind(c: Column): string {
  switch (c.columnType) {
    // db/schema-pg/types.ts: milliseconds in a bigint, read and written as Date like SQLite's timestamp_ms.
    case "PgCustomColumn":
      return c.getSQLType() === "bigint" ? "timestamp_ms" : `custom(${c.getSQLType()})`;
    case "PgBoolean":
      return "boolean";
    case "PgJson":
      return "json";
    case "PgText":
      return "text";
    case "PgInteger":
      return "integer";
    default:
      return c.columnType;
  }
}

const names = (cols: { name?: string }[]) => cols.map((c) => c.name ?? "<expression>");
const byName = <T extends { name?: string }>(xs: T[]) => [...xs].sort((a, b) => String(a.name).localeCompare(String(b.name)));

function sqliteShape(table: SQLiteTable): TableShape {
  const t = sqliteConfig(table);
  return {
    name: t.name,
    columns: byName(
      t.columns.map((c) => ({
        name: c.name,
        kind: sqliteKind(c),
        notNull: c.notNull,
        primary: c.primary,
        generatedId: c.primary && (c as Column & { autoIncrement?: boolean }).autoIncrement === true,
        default: c.default,
        enumValues: c.enumValues ?? null,
      })),
    ),
    primaryKeys: t.primaryKeys.map((pk) => names(pk.columns)),
    indexes: byName(t.indexes.map((i) => ({ name: i.config.name, columns: names(i.config.columns as { name?: string }[]), unique: i.config.unique }))),
    uniques: t.uniqueConstraints.map((u) => ({ name: u.name, columns: names(u.columns) })),
    foreignKeys: byName(
      t.foreignKeys.map((fk) => {
        const ref = fk.reference();
        return {
          name: fk.getName(),
          columns: names(ref.columns),
          foreignTable: getTableName(ref.foreignTable),
          foreignColumns: names(ref.foreignColumns),
          onDelete: fk.onDelete ?? "no action",
          onUpdate: fk.onUpdate ?? "no action",
        };
      }),
    ),
    checks: t.checks.map((c) => c.name).sort(),
  };
}

function pgShape(table: PgTable): TableShape {
  const t = pgConfig(table);
  return {
    name: t.name,
    columns: byName(
      t.columns.map((c) => ({
        name: c.name,
        kind: pgKind(c),
        notNull: c.notNull,
        primary: c.primary,
        generatedId: c.generatedIdentity?.type === "byDefault",
        default: c.default,
        enumValues: c.enumValues ?? null,
      })),
    ),
    primaryKeys: t.primaryKeys.map((pk) => names(pk.columns)),
    indexes: byName(t.indexes.map((i) => ({ name: i.config.name ?? "<unnamed>", columns: names(i.config.columns as { name?: string }[]), unique: i.config.unique }))),
    uniques: t.uniqueConstraints.map((u) => ({ name: u.name, columns: names(u.columns) })),
    foreignKeys: byName(
      t.foreignKeys.map((fk) => {
        const ref = fk.reference();
        return {
          name: fk.getName(),
          columns: names(ref.columns),
          foreignTable: getTableName(ref.foreignTable),
          foreignColumns: names(ref.foreignColumns),
          onDelete: fk.onDelete ?? "no action",
          onUpdate: fk.onUpdate ?? "no action",
        };
      }),
    ),
    checks: t.checks.map((c) => c.name).sort(),
  };
}

const sqliteTables = Object.entries(sqliteSchema as Record<string, unknown>).filter((e): e is [string, SQLiteTable] => is(e[1], SQLiteTable));
const pgTables = Object.entries(pgSchema as Record<string, unknown>).filter((e): e is [string, PgTable] => is(e[1], PgTable));

describe("the PostgreSQL schema mirrors the SQLite schema", () => {
  it("has the same tables under the same export names", () => {
    expect(sqliteTables.length).toBeGreaterThan(40);
    const sqliteNames = Object.fromEntries(sqliteTables.map(([k, t]) => [k, getTableName(t)]));
    const pgNames = Object.fromEntries(pgTables.map(([k, t]) => [k, getTableName(t)]));
    expect(pgNames).toEqual(sqliteNames);
  });

  it("exports the same constants (the enum lists are shared, not copied)", () => {
    const rest = (m: Record<string, unknown>) => Object.keys(m).filter((k) => !is(m[k], SQLiteTable) && !is(m[k], PgTable)).sort();
    expect(rest(pgSchema)).toEqual(rest(sqliteSchema));
    for (const k of rest(sqliteSchema)) expect((pgSchema as Record<string, unknown>)[k], k).toBe((sqliteSchema as Record<string, unknown>)[k]);
  });

  const pgByName = new Map(pgTables);
  it.each(sqliteTables.map(([k, t]) => [k, t] as const))("%s: columns, keys, indexes, foreign keys and checks", (exportName, table) => {
    const pg = pgByName.get(exportName);
    expect(pg, `db/schema-pg has no table exported as ${exportName}`).toBeDefined();
    expect(pgShape(pg!)).toEqual(sqliteShape(table));
  });

  // The comparison above can fail: a copy of a mirror differs once one column is dropped or made nullable.
  it("tells a table with a missing or a changed column from its mirror", () => {
    const reference = sqliteShape(sqliteSchema.hearingAdjournments);
    const columns = () => ({
      id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
      hearingId: integer("hearing_id").notNull().references(() => pgSchema.hearings.id, { onDelete: "cascade" }),
      reason: text("reason").notNull(),
      fromScheduledAt: timestampMs("from_scheduled_at").notNull(),
      toScheduledAt: timestampMs("to_scheduled_at").notNull(),
      createdAt: timestampMs("created_at").notNull(),
    });
    expect(pgShape(pgTable("hearing_adjournments", { ...columns(), place: text("place").notNull() }))).toEqual(reference);
    expect(pgShape(pgTable("hearing_adjournments", columns()))).not.toEqual(reference);
    expect(pgShape(pgTable("hearing_adjournments", { ...columns(), place: text("place") }))).not.toEqual(reference);
  });
});

import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { representatives, representativeStatuses } from "../../db/schema";
import type { Clock } from "../clock";
import { isDomainError } from "../errors";
import type { Representative } from "./access";
import { shanghaiDay, startOfShanghaiDay } from "./calendar";
import { CsvSyntaxError, parseCsv, restoreFormula } from "./csv";
import {
  baseColumns,
  categoryLabels,
  featureHeaderPrefixes,
  consentValues,
  fromLabel,
  headerAliases,
  nominationLabels,
  readOnlyColumns,
  splitDates,
  statusLabels,
  type BaseColumn,
} from "./csv-columns";
import { checkFeatures, listFeatures } from "./features";
import { CategorySchema, daySchema, NominationSchema, normalisePhone, phoneSchema } from "./schemas";
import { communityUnits, type PoolUnit } from "./units";

/** One problem in the file: spreadsheet row (header = 1), column header, and a code the page translates. */
export type ImportIssue = { row: number; column: string; code: string; params?: Record<string, string | number> };
export type ImportResult = { ok: true; created: number; updated: number; unchanged: number } | { ok: false; issues: ImportIssue[] };

export const IMPORT_MAX_ROWS = 5000;
const REQUIRED_COLUMNS: BaseColumn[] = ["name", "unit", "category", "nomination"];

const emptyToNull = (v: string) => (v === "" ? null : v);

/**
 * One data row. Optional columns that are missing from the file are `undefined` ("leave as is" on
 * update); present but empty cells are null or empty. Messages are the codes of the report.
 */
const CsvRow = z.object({
  id: z
    .string()
    .regex(/^\d*$/, "id_invalid")
    .transform((v) => (v === "" ? null : Number(v)))
    .optional(),
  name: z.string().min(1, "required").max(40, "too_long"),
  phone: phoneSchema.optional(),
  unit: z.string().min(1, "required"),
  category: z
    .string()
    .min(1, "required")
    .transform((v) => fromLabel(categoryLabels, v))
    .pipe(CategorySchema),
  nomination: z
    .string()
    .min(1, "required")
    .transform((v) => fromLabel(nominationLabels, v))
    .pipe(NominationSchema),
  status: z
    .string()
    .transform((v) => (v === "" ? null : fromLabel(statusLabels, v)))
    .pipe(z.enum(representativeStatuses, { errorMap: () => ({ message: "status_invalid" }) }).nullable())
    .optional(),
  status_reason: z.string().max(200, "too_long").transform(emptyToNull).optional(),
  status_date: z
    .string()
    .transform(emptyToNull)
    .pipe(daySchema.nullable())
    .optional(),
  unavailable_dates: z
    .string()
    .transform(splitDates)
    .pipe(z.array(daySchema))
    .optional(),
  /** Empty cell or missing column: leave the recorded consent as it is. */
  public_name_consent: z
    .string()
    .transform((v, ctx) => {
      const t = v.trim().toLowerCase();
      if (t === "") return undefined;
      if (!(t in consentValues)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "consent_invalid" });
        return z.NEVER;
      }
      return consentValues[t];
    })
    .optional(),
  features: z.record(z.string(), z.string().max(40, "too_long")),
});
type CsvRow = z.output<typeof CsvRow>;

type Header = { base: Map<BaseColumn, number>; features: Map<string, number>; names: string[] };

/** Maps header cells to columns; every unknown, duplicate or missing column is reported on row 1. */
function readHeader(cells: string[], configuredKeys: string[]): { header: Header; issues: ImportIssue[] } {
  const header: Header = { base: new Map(), features: new Map(), names: cells.map((c) => c.trim()) };
  const issues: ImportIssue[] = [];
  const seen = new Set<string>();
  cells.forEach((raw, index) => {
    const name = raw.trim();
    if (name === "") return;
    const prefix = featureHeaderPrefixes.find((p) => name.toLowerCase().startsWith(p));
    const canonical = prefix ? `feature:${name.slice(prefix.length).trim()}` : (headerAliases[name] ?? name.toLowerCase());
    if (seen.has(canonical)) return void issues.push({ row: 1, column: name, code: "csv_column_duplicate" });
    seen.add(canonical);
    if (prefix) {
      const key = canonical.slice("feature:".length);
      if (!configuredKeys.includes(key)) return void issues.push({ row: 1, column: name, code: "csv_feature_unknown", params: { key } });
      header.features.set(key, index);
    } else if ((baseColumns as readonly string[]).includes(canonical)) header.base.set(canonical as BaseColumn, index);
    else if (!(readOnlyColumns as readonly string[]).includes(canonical)) issues.push({ row: 1, column: name, code: "csv_column_unknown" });
  });
  for (const column of REQUIRED_COLUMNS) if (!header.base.has(column)) issues.push({ row: 1, column, code: "csv_column_missing" });
  return { header, issues };
}

function rowObject(header: Header, fields: string[]) {
  const cell = (i: number) => restoreFormula((fields[i] ?? "").trim());
  const obj: Record<string, unknown> = { features: {} };
  for (const [column, i] of header.base) obj[column] = cell(i);
  for (const [key, i] of header.features) (obj.features as Record<string, string>)[key] = cell(i);
  return obj;
}

/** `第一网格/1号楼` (path below the community), the community's own name, or a name that is unique in it. */
function resolveUnit(unitsOfCommunity: PoolUnit[], value: string): PoolUnit | "unknown" | "ambiguous" {
  const normalised = value.replace(/\s*[/／]\s*/g, "/");
  const byPath = unitsOfCommunity.find((u) => u.path === normalised || (u.kind === "community" && u.name === normalised));
  if (byPath) return byPath;
  const byName = unitsOfCommunity.filter((u) => u.name === normalised);
  if (byName.length === 1) return byName[0];
  return byName.length > 1 ? "ambiguous" : "unknown";
}

type Planned = { row: number; existing: Representative | null; values: Omit<typeof representatives.$inferInsert, "id" | "communityId" | "createdAt"> };

/**
 * Imports a pool CSV into one community: all or nothing. Every row is validated (zod per row, then the
 * checks that need the database); if any row has a problem the report lists every problem and nothing is
 * written. Otherwise all rows are written in one transaction.
 *
 * Matching: a row with an `id` updates that representative (it must be in this community); a row without
 * an id but with a phone that an existing representative of this community has updates that one; any
 * other row creates a new representative. Two rows may not target the same person.
 */
export function importPoolCsv(db: Db, clock: Clock, communityId: number, text: string): ImportResult {
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) return { ok: false, issues: [{ row: err.row, column: "", code: "csv_unterminated_quote" }] };
    throw err;
  }
  if (records.length === 0) return { ok: false, issues: [{ row: 1, column: "", code: "csv_empty" }] };
  if (records.length === 1) return { ok: false, issues: [{ row: 2, column: "", code: "csv_no_rows" }] };
  if (records.length - 1 > IMPORT_MAX_ROWS)
    return { ok: false, issues: [{ row: IMPORT_MAX_ROWS + 2, column: "", code: "csv_too_many_rows", params: { max: IMPORT_MAX_ROWS } }] };

  return db.transaction((tx): ImportResult => {
    const t = tx as unknown as Db;
    const features = listFeatures(t, communityId);
    const { header, issues } = readHeader(records[0].fields, features.map((f) => f.key));
    if (issues.length > 0) return { ok: false, issues };

    const unitsOfCommunity = communityUnits(t, communityId);
    const existingRows = t.select().from(representatives).where(eq(representatives.communityId, communityId)).all();
    const byId = new Map(existingRows.map((r) => [r.id, r]));
    const today = shanghaiDay(clock.now());
    const planned: Planned[] = [];
    const targetRows = new Map<string, number>(); // "id:7" / "phone:138…" → first row that targets it

    for (const record of records.slice(1)) {
      const row = record.row;
      const report = (column: string, code: string, params?: ImportIssue["params"]) => issues.push({ row, column, code, ...(params ? { params } : {}) });
      const columnName = (column: string) => header.names[header.base.get(column as BaseColumn) ?? -1] ?? column;
      const featureColumn = (key: string) => header.names[header.features.get(key) ?? -1] ?? `feature:${key}`;

      const extra = record.fields.slice(header.names.length).some((f) => f.trim() !== "");
      if (extra) report("", "csv_extra_cells");

      const raw = rowObject(header, record.fields);
      // Two rows for one person, checked on the raw cells so it is reported even when the row has other problems.
      const target = targetOf(raw, byId, existingRows);
      if (target) {
        const first = targetRows.get(target.key);
        if (first !== undefined) report(columnName(target.column), "duplicate_in_file", { other: first });
        else targetRows.set(target.key, row);
      }

      const parsed = CsvRow.safeParse(raw);
      if (!parsed.success) {
        const reported = new Set<string>();
        for (const issue of parsed.error.issues) {
          const [first, second] = issue.path;
          const column = first === "features" ? featureColumn(String(second)) : columnName(String(first));
          if (reported.has(column)) continue;
          reported.add(column);
          report(column, issue.message);
        }
        continue;
      }
      const data: CsvRow = parsed.data;

      const unit = resolveUnit(unitsOfCommunity, data.unit);
      if (typeof unit === "string") report(columnName("unit"), unit === "unknown" ? "unit_unknown" : "unit_ambiguous", { value: data.unit });

      const checkedFeatures: Record<string, string> = {};
      for (const [key, value] of Object.entries(data.features)) {
        try {
          Object.assign(checkedFeatures, checkFeatures(features, { [key]: value }));
        } catch (err) {
          if (!isDomainError(err)) throw err;
          report(featureColumn(key), "feature_value_invalid", { allowed: String(err.details?.allowed ?? "") });
        }
      }

      let existing: Representative | null = null;
      if (data.id != null) {
        existing = byId.get(data.id) ?? null;
        if (!existing) report(columnName("id"), "id_unknown", { id: data.id });
      } else if (data.phone) {
        const samePhone = existingRows.filter((r) => r.phone === data.phone);
        if (samePhone.length > 1) report(columnName("phone"), "phone_ambiguous");
        existing = samePhone.length === 1 ? samePhone[0] : null;
      }

      const status = data.status ?? existing?.status ?? "active";
      const statusChanged = status !== (existing?.status ?? "active");
      if (statusChanged && status !== "active" && !data.status_reason) report(columnName("status_reason"), "reason_required");
      if (data.status_date && data.status_date > today) report(columnName("status_date"), "date_in_future");

      if (typeof unit === "string") continue;
      // Feature columns left out of the file keep their values; an empty cell clears one.
      const mergedFeatures = { ...(existing?.features ?? {}) };
      for (const key of header.features.keys()) delete mergedFeatures[key];
      Object.assign(mergedFeatures, checkedFeatures);

      planned.push({
        row,
        existing,
        values: {
          name: data.name,
          phone: data.phone !== undefined ? data.phone : (existing?.phone ?? null),
          unitId: unit.id,
          category: data.category,
          nomination: data.nomination,
          features: mergedFeatures,
          unavailableDates: data.unavailable_dates ? [...new Set(data.unavailable_dates)].sort() : (existing?.unavailableDates ?? []),
          status,
          statusReason: statusChanged ? (data.status_reason ?? null) : (existing?.statusReason ?? null),
          statusChangedAt: statusChanged
            ? data.status_date
              ? startOfShanghaiDay(data.status_date)
              : clock.now()
            : (existing?.statusChangedAt ?? null),
          userId: existing?.userId ?? null,
          publicNameConsentAt:
            data.public_name_consent === undefined ? (existing?.publicNameConsentAt ?? null) : data.public_name_consent ? (existing?.publicNameConsentAt ?? clock.now()) : null,
        },
      });
    }
    if (issues.length > 0) return { ok: false, issues: issues.sort((a, b) => a.row - b.row) };

    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const p of planned) {
      if (!p.existing) {
        t.insert(representatives).values({ ...p.values, communityId, createdAt: clock.now() }).run();
        created += 1;
      } else if (differs(p.existing, p.values)) {
        t.update(representatives).set(p.values).where(eq(representatives.id, p.existing.id)).run();
        updated += 1;
      } else unchanged += 1;
    }
    return { ok: true, created, updated, unchanged };
  });
}

/** Who a row is about, for spotting two rows about the same person: "id:<n>" or "phone:<number>". */
function targetOf(raw: Record<string, unknown>, byId: Map<number, Representative>, existingRows: Representative[]) {
  const id = typeof raw.id === "string" && /^\d+$/.test(raw.id) ? Number(raw.id) : null;
  if (id !== null) return byId.has(id) ? { key: `id:${id}`, column: "id" } : null;
  const phone = typeof raw.phone === "string" ? normalisePhone(raw.phone) : "";
  if (!/^\+?\d{5,15}$/.test(phone)) return null;
  const match = existingRows.filter((r) => r.phone === phone);
  return { key: match.length === 1 ? `id:${match[0].id}` : `phone:${phone}`, column: "phone" };
}

function differs(existing: Representative, values: Planned["values"]): boolean {
  const canon = (v: unknown) => JSON.stringify(v instanceof Date ? v.getTime() : v && typeof v === "object" && !Array.isArray(v) ? sortKeys(v as Record<string, unknown>) : v);
  return (Object.keys(values) as (keyof Planned["values"])[]).some((k) => canon(existing[k as keyof Representative] ?? null) !== canon(values[k] ?? null));
}

function sortKeys(o: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * The sortition community's CSV files (as used by the Flanigan et al. replication data and the
 * Sortition Foundation's tools):
 *   categories.csv  — header `category,feature,min,max`, one row per feature;
 *   respondents.csv — one column per category; the member id is the `id` column if there is one,
 *                     else the 0-based row index after the header.
 * Files may start with a UTF-8 BOM and may lack a trailing newline.
 */
import { InvalidDrawInputError, quotaCategories } from "./quotas";
import type { PoolMember, Quota } from "./types";

/** Rows of fields: commas separate, `"…"` quotes (with `""` for a quote), CRLF or LF ends a row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const input = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && input[i + 1] === "\n") i++;
      rows.push([...row, field]);
      row = [];
      field = "";
    } else field += ch;
  }
  if (quoted) throw new InvalidDrawInputError("CSV ends inside a quoted field");
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  // Blank lines (e.g. a trailing one) carry no data.
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

function header(rows: string[][], file: string): string[] {
  if (rows.length === 0) throw new InvalidDrawInputError(`${file} is empty`);
  return rows[0].map((h) => h.trim());
}

export function parseCategories(text: string): Quota[] {
  const rows = parseCsv(text);
  const columns = header(rows, "categories.csv");
  const at = (name: string): number => {
    const i = columns.indexOf(name);
    if (i < 0) throw new InvalidDrawInputError(`categories.csv has no "${name}" column`);
    return i;
  };
  const [category, feature, min, max] = [at("category"), at("feature"), at("min"), at("max")];
  return rows.slice(1).map((row, r) => {
    const bound = (i: number, name: string): number => {
      const value = (row[i] ?? "").trim();
      if (!/^\d+$/.test(value)) {
        throw new InvalidDrawInputError(`categories.csv row ${r + 2}: ${name} "${value}" is not a non-negative integer`);
      }
      return Number(value);
    };
    return {
      category: (row[category] ?? "").trim(),
      feature: (row[feature] ?? "").trim(),
      min: bound(min, "min"),
      max: bound(max, "max"),
    };
  });
}

/** Members with their features on the quota categories; other columns (names, notes) are ignored. */
export function parseRespondents(text: string, quotas: Quota[]): PoolMember[] {
  const rows = parseCsv(text);
  const columns = header(rows, "respondents.csv");
  const idColumn = columns.indexOf("id");
  const categoryColumns = quotaCategories(quotas).map((category) => {
    const i = columns.indexOf(category);
    if (i < 0) throw new InvalidDrawInputError(`respondents.csv has no column for category "${category}"`);
    return [category, i] as const;
  });
  return rows.slice(1).map((row, r) => ({
    id: idColumn >= 0 ? (row[idColumn] ?? "").trim() : String(r),
    features: Object.fromEntries(categoryColumns.map(([category, i]) => [category, (row[i] ?? "").trim()])),
  }));
}

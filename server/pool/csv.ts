/**
 * RFC 4180 CSV, as Excel and WPS read and write it: comma-separated, `"…"` quotes with `""` for a quote,
 * CRLF or LF line ends, quoted fields may span lines. A UTF-8 BOM at the start is dropped.
 */

export type CsvRecord = { fields: string[]; /** 1-based record number (the header is 1), as a spreadsheet numbers rows. */ row: number };

export class CsvSyntaxError extends Error {
  constructor(readonly row: number) {
    super(`unterminated quoted field starting in record ${row}`);
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const input = text.replace(/^\uFEFF/, "");
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let row = 1;
  const endRecord = () => {
    fields.push(field);
    // Blank lines (often a trailing one) are not rows anyone typed.
    if (fields.length > 1 || fields[0].trim() !== "") records.push({ fields, row });
    row += 1;
    fields = [];
    field = "";
  };
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && input[i + 1] === "\n") i++;
      endRecord();
    } else field += ch;
  }
  if (quoted) throw new CsvSyntaxError(row);
  if (field !== "" || fields.length > 0) endRecord();
  return records;
}

/**
 * A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets a leading
 * apostrophe (OWASP "CSV injection"); the import strips it again, so the round trip is lossless.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function restoreFormula(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function quote(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CRLF line ends and a BOM: without the BOM Excel on Windows opens UTF-8 Chinese as mojibake. */
export function formatCsv(rows: string[][]): string {
  return "\uFEFF" + rows.map((r) => r.map(quote).join(",")).join("\r\n") + "\r\n";
}

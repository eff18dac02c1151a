import { z } from "zod";

/**
 * Reporting periods for statistics and the 晾晒 reports: a year (2026), a quarter (2026-Q4, the
 * seed's 集中晾晒) or a month (2026-11, 静态晾晒). Bounds are in Asia/Shanghai (UTC+8 all year, no
 * daylight saving), so a hearing at 23:30 on the last day of a month counts in that month.
 */
export type Period = { key: string; kind: "all" | "year" | "quarter" | "month"; from: Date | null; to: Date | null };

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const startOf = (year: number, monthIndex: number) => new Date(Date.UTC(year, monthIndex, 1) - SHANGHAI_OFFSET_MS);

export const PeriodParam = z
  .string()
  .regex(/^(all|\d{4}|\d{4}-Q[1-4]|\d{4}-(0[1-9]|1[0-2]))$/)
  .catch("all");

export function parsePeriod(raw: string | null | undefined): Period {
  const key = PeriodParam.parse(raw ?? "all");
  if (key === "all") return { key, kind: "all", from: null, to: null };
  const year = Number(key.slice(0, 4));
  if (key.length === 4) return { key, kind: "year", from: startOf(year, 0), to: startOf(year + 1, 0) };
  if (key[5] === "Q") {
    const q = Number(key[6]) - 1;
    return { key, kind: "quarter", from: startOf(year, q * 3), to: startOf(year, q * 3 + 3) };
  }
  const m = Number(key.slice(5)) - 1;
  return { key, kind: "month", from: startOf(year, m), to: startOf(year, m + 1) };
}

/** The month and quarter keys of a date in Asia/Shanghai. */
export function periodKeysOf(date: Date): { month: string; quarter: string; year: string } {
  const local = new Date(date.getTime() + SHANGHAI_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  return { year: String(y), month: `${y}-${String(m + 1).padStart(2, "0")}`, quarter: `${y}-Q${Math.floor(m / 3) + 1}` };
}

/** The last `count` months and quarters up to `now`, newest first (the reports index). */
export function recentPeriods(now: Date, months: number, quarters: number): { months: string[]; quarters: string[] } {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const ms: string[] = [];
  for (let i = 0; i < months; i++) {
    const d = new Date(Date.UTC(y, m - i, 1));
    ms.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`);
  }
  const qs: string[] = [];
  for (let i = 0; i < quarters; i++) {
    const d = new Date(Date.UTC(y, m - i * 3, 1));
    qs.push(`${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`);
  }
  return { months: ms, quarters: qs };
}

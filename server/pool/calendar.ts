/**
 * Calendar days in Asia/Shanghai, the only time zone the product works in (DESIGN §6). China has had no
 * daylight saving since 1991, so a fixed +08:00 offset is exact and needs no time-zone database.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The YYYY-MM-DD calendar day an instant falls on in Shanghai. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight at the start of a Shanghai calendar day. */
export function startOfShanghaiDay(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** True for a real calendar day written YYYY-MM-DD (rejects 2025-02-30). */
export function isCalendarDay(value: string): boolean {
  const m = DAY_PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1900 && y <= 2200;
}

/** The same instant `months` calendar months earlier (the "last 12 months" windows). */
export function monthsBefore(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

import type { TFunction } from "i18next";

/** 2026-11 → 2026 年 11 月 / 11/2026; 2026-Q4 → 2026 年第 4 季度 / Q4 2026; 2026 → 2026 年. */
export function periodLabel(t: TFunction, key: string): string {
  if (key === "all") return t("portal.stats.allTime");
  const year = key.slice(0, 4);
  if (key.length === 4) return t("portal.stats.year", { year });
  if (key[5] === "Q") return t("portal.reports.quarterLabel", { year, quarter: key[6] });
  return t("portal.reports.monthLabel", { year, month: String(Number(key.slice(5))) });
}

import { nominations, representativeCategories, representativeStatuses } from "../../db/schema/pool";

/**
 * The pool CSV's columns (docs/pool-csv.md). Headers are English codes; Chinese headers are accepted
 * as aliases on import, because people retype them in Excel. Category, nomination and status values are
 * written as Chinese labels (that is what a community worker reads) and accepted as labels or codes.
 */
export const baseColumns = ["id", "name", "phone", "unit", "category", "nomination", "status", "status_reason", "status_date", "unavailable_dates", "public_name_consent"] as const;
export type BaseColumn = (typeof baseColumns)[number];

/** Written on export for reading; ignored on import. */
export const readOnlyColumns = ["panels_last_12_months"] as const;

export const FEATURE_PREFIX = "feature:";

export const headerAliases: Record<string, BaseColumn | (typeof readOnlyColumns)[number]> = {
  编号: "id",
  姓名: "name",
  电话: "phone",
  手机: "phone",
  手机号: "phone",
  联系电话: "phone",
  单位: "unit",
  所在单位: "unit",
  网格楼栋: "unit",
  类别: "category",
  代表类别: "category",
  产生方式: "nomination",
  推荐方式: "nomination",
  状态: "status",
  状态原因: "status_reason",
  状态日期: "status_date",
  不可参加日期: "unavailable_dates",
  同意公开姓名: "public_name_consent",
  公开姓名: "public_name_consent",
  近12个月参审次数: "panels_last_12_months",
};

export const featureHeaderPrefixes = [FEATURE_PREFIX, "特征:", "特征："];

export const categoryLabels: Record<(typeof representativeCategories)[number], string> = {
  deputy: "两代表一委员",
  professional: "专业人才",
  elder: "社会人士",
  resident: "居民代表",
};
export const nominationLabels: Record<(typeof nominations)[number], string> = { self: "自荐", organisation: "组织推荐" };
export const statusLabels: Record<(typeof representativeStatuses)[number], string> = { active: "在册", suspended: "暂停", retired: "退出" };

/** Accepts the code (any case) or the Chinese label; anything else is returned as is, for zod to reject. */
export function fromLabel<K extends string>(labels: Record<K, string>, value: string): string {
  const v = value.trim();
  for (const [code, label] of Object.entries(labels) as [K, string][]) {
    if (v.toLowerCase() === code || v === label) return code;
  }
  return v;
}

/** Unavailable dates in one cell: separated by semicolons (either width), commas or spaces. */
export function splitDates(cell: string): string[] {
  return cell
    .split(/[;；,，\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The header row the export writes: base columns, one `feature:<key>` per configured feature, then read-only ones. */
export function formatCsvHeader(featureKeys: string[]): string[] {
  return [...baseColumns, ...featureKeys.map((k) => FEATURE_PREFIX + k), ...readOnlyColumns];
}

/** Consent to be named in public (issue 12): exported as 是/否; accepted as 是/否, 同意/不同意, yes/no, 1/0, true/false. */
export const consentValues: Record<string, boolean> = { 是: true, 否: false, 同意: true, 不同意: false, yes: true, no: false, y: true, n: false, "1": true, "0": false, true: true, false: false };

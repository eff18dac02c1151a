import type { TFunction } from "i18next";
import type { BallotRules } from "../../../db/schema";

/** 同意率 from permille: 788 → "78.8%". */
export function approvalText(permille: number | null | undefined): string {
  if (permille === null || permille === undefined) return "—";
  return `${(permille / 10).toFixed(permille % 10 === 0 ? 0 : 1)}%`;
}

/** The item's announced ballot rules in one line: 记名投票 · 过半数 · 法定人数 5 人 · 平票重新投票 · 限时 3 分钟. */
export function rulesText(t: TFunction, rules: BallotRules): string {
  const parts = [
    t(rules.secret ? "ballot.mode.secret" : "ballot.mode.open"),
    t(`ballot.threshold.${rules.threshold}`),
    t("council.rules.quorum", { quorum: rules.quorum }),
    t(`council.rules.tie.${rules.tieRule}`),
  ];
  if (rules.allowChange) parts.push(t("council.rules.allowChange"));
  if (rules.timeLimitSeconds) parts.push(t("council.rules.timeLimit", { minutes: Math.round((rules.timeLimitSeconds / 60) * 10) / 10 }));
  return parts.join(" · ");
}

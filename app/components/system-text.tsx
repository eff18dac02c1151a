import type { TFunction } from "i18next";
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * Labels the server writes into meeting records in Chinese — sides (甲方/乙方), the chair (主持人),
 * jurors' seats, council participants' categories, default ballot options and questions. The
 * records are hash-chained and immutable, so the stored text stays as it was written; the display
 * translates this fixed vocabulary and marks what remains (a masked name, a title someone typed)
 * as user content (decision 038, issue 17).
 */
const sides = ["甲方", "乙方", "丙方", "丁方", "戊方", "己方"];
const sidePattern = "(甲方|乙方|丙方|丁方|戊方|己方|第\\d+方)";
const categories: Record<string, string> = { 两代表一委员: "deputy", 专业人才: "professional", 社会人士: "elder", 居民代表: "resident" };

export function sideText(t: TFunction, side: string): string {
  const i = sides.indexOf(side);
  if (i >= 0) return t("system.side", { name: side, letter: String.fromCharCode(65 + i) });
  const n = side.match(/^第(\d+)方$/)?.[1];
  return n ? t("system.side", { name: side, letter: n }) : side;
}

/** User content inside translated text: left as it was typed, marked for readers and for the translation test. */
export const UserText = ({ children }: { children: ReactNode }) => <span data-user-content>{children}</span>;

/** `text` translated where it is system vocabulary; React nodes with user-content parts marked. */
export function systemText(t: TFunction, text: string): ReactNode {
  let m: RegExpMatchArray | null;
  if (text === "主持人") return t("system.chair");
  if (text === "评理员提问") return t("system.jurorQuestion");
  if ((m = text.match(/^评理员 (\d+)$/))) return t("system.juror", { n: m[1] });
  if ((m = text.match(/^候补 (\d+)$/))) return t("system.alternate", { n: m[1] });
  if ((m = text.match(new RegExp(`^${sidePattern}(?: (.+))?$`, "s"))))
    return m[2] ? (
      <>
        {sideText(t, m[1])} <UserText>{m[2]}</UserText>
      </>
    ) : (
      sideText(t, m[1])
    );
  if ((m = text.match(new RegExp(`^（向${sidePattern}）(.*)$`, "s"))))
    return (
      <>
        {t("system.toSide", { side: sideText(t, m[1]) })}
        <UserText>{m[2]}</UserText>
      </>
    );
  if ((m = text.match(/^(.+) · (两代表一委员|专业人才|社会人士|居民代表|议事代表)$/s)))
    return (
      <>
        <UserText>{m[1]}</UserText> · {m[2] === "议事代表" ? t("system.representative") : t(`procedure.category.${categories[m[2]]}`)}
      </>
    );
  if ((m = text.match(/^决选：(.*)$/s)))
    return (
      <>
        {t("system.runoff")}
        {systemText(t, m[1])}
      </>
    );
  if ((m = text.match(/^是否同意「(.+)」的方案？$/s))) {
    const [before, after] = t("system.councilQuestion", { title: "\u0000" }).split("\u0000");
    return (
      <>
        {before}
        <UserText>{m[1]}</UserText>
        {after}
      </>
    );
  }
  if ((m = text.match(/^证据(\d+)（仅评理团可见）$/))) return t("system.panelExhibit", { n: m[1] });
  return <UserText>{text}</UserText>;
}

/** Plain-string form for attributes and titles: the vocabulary translated, the rest as written. */
export function systemString(t: TFunction, text: string): string {
  let m: RegExpMatchArray | null;
  if (text === "主持人") return t("system.chair");
  if ((m = text.match(/^评理员 (\d+)$/))) return t("system.juror", { n: m[1] });
  if ((m = text.match(/^候补 (\d+)$/))) return t("system.alternate", { n: m[1] });
  if ((m = text.match(new RegExp(`^${sidePattern}(?: (.+))?$`, "s")))) return m[2] ? `${sideText(t, m[1])} ${m[2]}` : sideText(t, m[1]);
  return text;
}

export function SystemText({ text }: { text: string }) {
  const { t } = useTranslation();
  return <Fragment>{systemText(t, text)}</Fragment>;
}

const defaultOptions: Record<string, Record<string, string>> = {
  hearing: { party_a: "支持甲方", party_b: "支持乙方", both: "双方均有责任" },
  council: { for: "同意", against: "反对", abstain: "弃权" },
};

/** A ballot option: the default options (the label the system wrote for that id) translated; a typed one as user content. */
export function optionIsDefault(option: { id: string; label: string }): string | null {
  for (const [kind, labels] of Object.entries(defaultOptions)) if (labels[option.id] === option.label.trim()) return `ballot.defaults.${kind}.${option.id}`;
  return null;
}

export function OptionText({ option }: { option: { id: string; label: string } }) {
  const { t } = useTranslation();
  const key = optionIsDefault(option);
  return key ? <>{t(key)}</> : <UserText>{option.label}</UserText>;
}

export function optionString(t: TFunction, option: { id: string; label: string }): string {
  const key = optionIsDefault(option);
  return key ? t(key) : option.label;
}

/**
 * A translated sentence that quotes user content (`{{council}}` is a title someone typed): the
 * quoted values are rendered marked as user content, the sentence around them translated.
 */
export function tWithUser(t: TFunction, key: string, user: Record<string, string>, values: Record<string, unknown> = {}): ReactNode {
  const names = Object.keys(user);
  const marks = Object.fromEntries(names.map((n, i) => [n, `\u0001${i}\u0001`]));
  const parts = (t(key, { ...values, ...marks }) as string).split("\u0001");
  return (
    <>
      {parts.map((part, i) => (i % 2 === 1 ? <UserText key={i}>{user[names[Number(part)]]}</UserText> : <Fragment key={i}>{part}</Fragment>))}
    </>
  );
}

/** The demo's and the guide's standard pool features (性别, 年龄段): their configured default names, translated. */
const standardFeatures: Record<string, string> = { gender: "性别", age: "年龄段" };
export function featureLabel(t: TFunction, feature: { key: string; label: string }): string {
  return standardFeatures[feature.key] === feature.label.trim() ? t(`system.feature.${feature.key}`) : feature.label;
}

// Two-character surnames common enough to matter when masking (欧阳娜娜 → 欧阳某, not 欧某).
const compoundSurnames = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容", "令狐", "司徒", "夏侯", "公孙", "尉迟", "长孙", "宇文", "轩辕", "端木"];

/**
 * Parties' names are masked in public (DESIGN.md §6): 张三 → 张某. A name in Latin letters keeps its
 * first letter. An organisation's name (物业公司…) is not a private person's and is kept.
 */
export function maskName(name: string): string {
  const n = name.trim();
  if (!n) return "某";
  if (/(公司|委员会|业委会|物业|中心|集团|合作社|居委会)$/.test(n)) return n;
  const compound = compoundSurnames.find((s) => n.startsWith(s) && n.length > s.length);
  if (compound) return `${compound}某`;
  if (/^[\p{Script=Han}]/u.test(n)) return `${[...n][0]}某`;
  return `${n[0].toUpperCase()}.`;
}

/** 甲方, 乙方, 丙方 … by position. */
const sideNames = ["甲方", "乙方", "丙方", "丁方", "戊方", "己方"];
export const sideLabel = (position: number) => sideNames[position] ?? `第${position + 1}方`;

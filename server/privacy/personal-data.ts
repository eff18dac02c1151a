/**
 * Finds personal data in a text the public is about to see (issue 12, decision 009): Chinese personal
 * names, mobile and landline numbers, resident ID numbers and room numbers (X号楼X室). No maintained
 * npm library covers Chinese names (the PII libraries we found target English text), so this is a
 * documented heuristic, tested on realistic text in tests/privacy/personal-data.test.ts:
 *
 * - numbers by pattern: an 18-character ID (17 digits and a digit or X), an 11-digit mobile number
 *   starting 1[3-9], a landline with area code (0xx-xxxxxxxx); a room as "502室", "5号楼502室",
 *   "5栋2单元502", "5-2-502";
 * - a name as a common surname (the ~130 most frequent, which cover about 90 % of people in China, plus
 *   the compound ones in masking.ts) followed by one or two Han characters, where it stands as a name:
 *   after a room number or a word such as 居民/业主/住户/租户, or followed by a title (先生, 女士, 阿姨,
 *   主任…), or standing alone between separators. Organisation names (…公司, …委员会) are not people.
 *
 * It errs towards flagging: the preview shows every hit to the mediator, who can unmask a false one.
 * It misses names with a rare surname and names inside running text without any of those cues; the
 * mediator reads the preview for those.
 */
import { maskName } from "../hearings/masking";

export type PersonalDataKind = "name" | "phone" | "id_number" | "room";
export type PersonalDataHit = { kind: PersonalDataKind; start: number; end: number; text: string; masked: string };

const compoundSurnames = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容", "令狐", "司徒", "夏侯", "公孙", "尉迟", "长孙", "宇文", "轩辕", "端木"];
/** The most frequent single-character surnames (公安部 2020 name statistics order, about 90 % of the population). */
const surnames =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文施洪辛柯庄樊殷鲍葛颜祝郎关温欧" +
  "聂伍单牛骆梅容席齐岳卓纪宁";
const titles = "先生|女士|阿姨|大爷|大妈|师傅|老师|同志|主任|经理|书记|奶奶|爷爷|叔叔";
const cues = "居民|业主|住户|租户|户主|楼长|当事人|申请人|被申请人|甲方|乙方|我是|我叫|本人|名叫|姓名|联系人|邻居";
const org = /(公司|委员会|业委会|物业|中心|集团|合作社|居委会|街道|社区|医院|学校|银行|派出所|法院)$/;

const surnameAlt = `(?:${compoundSurnames.join("|")}|[${surnames}])`;
const han = "[\\u4e00-\\u9fa5]";

const patterns: { kind: PersonalDataKind; re: RegExp; group?: number }[] = [
  { kind: "id_number", re: /(?<!\d)\d{17}[\dXx](?!\d)/g },
  { kind: "phone", re: /(?<!\d)1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)/g },
  { kind: "phone", re: /(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/g },
  { kind: "room", re: /(?:\d+\s*(?:号楼|栋|幢|号)\s*)?(?:\d+\s*单元\s*)?\d{2,5}\s*(?:室|房|号房)|\d+\s*(?:号楼|栋|幢)\s*(?:\d+\s*单元\s*)?\d{3,4}(?!\d)|(?<![\d-])\d{1,3}-\d{1,2}-\d{3,4}(?![\d-])/g },
  // A name after a cue, a room or a digit:  "业主王建国", "502室王建国", "3号楼居民 李桂兰".
  { kind: "name", re: new RegExp(`(?<=(?:${cues}|室|号|楼|与|和|\\d)\\s*)${surnameAlt}${han}{1,2}(?=$|[\\s，。、；：,.;:）)(（]|${titles}|的|家|与|和|说|称|表示|反映)`, "gu") },
  // A name followed by a title: "王建国主任", "李女士".
  { kind: "name", re: new RegExp(`${surnameAlt}${han}{1,2}(?=${titles})`, "gu") },
  // A name standing alone between separators: "张三、李四", a guest list entry.
  { kind: "name", re: new RegExp(`(?<=^|[\\s，、；：,;:（(])${surnameAlt}${han}{1,2}(?=$|[\\s，。、；：,;:）)（(]|与|和|因|称|说|表示|反映|的|家)`, "gu") },
];

function maskOf(kind: PersonalDataKind, text: string): string {
  if (kind === "name") return maskName(text);
  if (kind === "room") return text.replace(/\d+(?=\s*(?:室|房|号房)$)|\d{3,4}$/, (d) => "*".repeat(d.length)).replace(/\d+(?=\s*单元)/, "*");
  // Numbers keep their first three and last two characters: recognisable to their owner, useless to others.
  return text.slice(0, 3) + "*".repeat(Math.max(0, text.length - 5)) + text.slice(-2);
}

/** Every hit, left to right; overlapping hits keep the earliest and longest. */
export function detectPersonalData(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const { kind, re } of patterns) {
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      const found = m[0];
      if (kind === "name" && org.test(text.slice(start, start + found.length + 4).split(/[\s，。、]/)[0])) continue;
      hits.push({ kind, start, end: start + found.length, text: found, masked: maskOf(kind, found) });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PersonalDataHit[] = [];
  for (const h of hits) if (!kept.length || h.start >= kept[kept.length - 1].end) kept.push(h);
  return kept;
}

/** The text with every hit masked (what is published unless the mediator unmasks a hit). */
export function maskPersonalData(text: string, hits = detectPersonalData(text)): string {
  let out = "";
  let at = 0;
  for (const h of hits) {
    out += text.slice(at, h.start) + h.masked;
    at = h.end;
  }
  return out + text.slice(at);
}

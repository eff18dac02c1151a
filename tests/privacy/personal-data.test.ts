import { describe, expect, it } from "vitest";
import { detectPersonalData, maskPersonalData } from "../../server/privacy/personal-data";
import { publicText } from "../../server/privacy/public-text";

/**
 * The detector behind the announce preview and the public masking of typed text (issue 12,
 * decision 009/023), on the kind of text mediators, parties and residents actually write.
 */
const found = (text: string) => detectPersonalData(text).map((h) => [h.kind, h.text]);

describe("personal data in realistic text", () => {
  it.each([
    ["3号楼居民李桂兰（电话13812345678）反映楼上漏水", [["name", "李桂兰"], ["phone", "13812345678"]], "3号楼居民李某（电话138******78）反映楼上漏水"],
    ["5号楼502室王建国", [["room", "5号楼502室"], ["name", "王建国"]], "5号楼***室王某"],
    ["我是欧阳娜娜，电话139 1234 5678。", [["name", "欧阳娜娜"], ["phone", "139 1234 5678"]], "我是欧阳某，电话139********78。"],
    ["业主钱丽华说电话13655556666可以联系她", [["name", "钱丽华"], ["phone", "13655556666"]], "业主钱某说电话136******66可以联系她"],
    ["身份证11010519850307123X，住6栋2单元301", [["id_number", "11010519850307123X"], ["room", "6栋2单元301"]], "身份证110*************3X，住6栋*单元***"],
    ["请联系社区办公室 010-62345678", [["phone", "010-62345678"]], "请联系社区办公室 010*******78"],
    ["王建国主任和张秀英阿姨都到场了", [["name", "王建国"], ["name", "张秀英"]], "王某主任和张某阿姨都到场了"],
    ["王建国家漏水纠纷评理", [["name", "王建国"]], "王某家漏水纠纷评理"],
  ])("%s", (text, hits, masked) => {
    expect(found(text)).toEqual(hits);
    expect(maskPersonalData(text)).toBe(masked);
    expect(publicText(text)).toBe(masked);
  });

  it.each([
    "楼上卫生间防水层老化，导致我家天花板渗水。",
    "东门划设12个临时车位，由物业公司管理。",
    "幸福物业公司承诺每季度公示收支。",
    "和平社区居民委员会",
    "维修费用由双方各承担一半。",
    "2026年10月8日下午3点在党群服务中心开会，预计120人参加。",
  ])("leaves ordinary text alone: %s", (text) => {
    expect(found(text)).toEqual([]);
    expect(publicText(text)).toBe(text);
  });
});

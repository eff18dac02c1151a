import { describe, expect, it } from "vitest";
import { formatCsv, parseCsv } from "../../server/pool/csv";

describe("pool CSV format", () => {
  it("parses quotes, embedded commas and new lines, CRLF, a BOM and blank lines, numbering rows like a spreadsheet", () => {
    const text = '\uFEFFname,note\r\n"王,五","说""好""的\n第二行"\r\n\r\n李四,ok';
    expect(parseCsv(text)).toEqual([
      { fields: ["name", "note"], row: 1 },
      { fields: ["王,五", '说"好"的\n第二行'], row: 2 },
      { fields: ["李四", "ok"], row: 4 },
    ]);
  });

  it("writes a BOM and CRLF, and neutralises cells a spreadsheet would run as formulas, reversibly", () => {
    const out = formatCsv([["name", "phone"], ["=HYPERLINK(\"x\")", "+8613800000001"]]);
    expect(out.startsWith("\uFEFF")).toBe(true);
    expect(out).toBe('\uFEFFname,phone\r\n"\'=HYPERLINK(""x"")",\'+8613800000001\r\n');
    expect(parseCsv(out).map((r) => r.fields)[1]).toEqual(["'=HYPERLINK(\"x\")", "'+8613800000001"]);
  });
});

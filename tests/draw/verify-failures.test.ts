/**
 * Every verifier failure code (server/verify/failures.ts) has a Chinese and an English sentence for
 * the /verify page, using only parameters the verifier supplies; the CLI's English is the template.
 */
import { describe, expect, it } from "vitest";
import en from "../../app/locales/en/portal";
import zh from "../../app/locales/zh/portal";
import { fail, renderFailure, VERIFY_MESSAGES, type VerifyCode } from "../../server/verify/failures";

const codes = Object.keys(VERIFY_MESSAGES) as VerifyCode[];
const placeholders = (text: string) => new Set([...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]));
const pages = { zh: zh.verify.errors as Record<string, string>, en: en.verify.errors as Record<string, string> };

describe("verifier failure codes", () => {
  it.each(codes)("%s has a zh and an en sentence using only the verifier's parameters", (code) => {
    const given = placeholders(VERIFY_MESSAGES[code]);
    for (const [lang, table] of Object.entries(pages)) {
      const text = table[code];
      expect(typeof text, `${lang}.${code}`).toBe("string");
      expect(text.trim().length, `${lang}.${code}`).toBeGreaterThan(0);
      for (const name of placeholders(text)) expect(given, `${lang}.${code} uses {{${name}}}`).toContain(name);
    }
    expect(pages.zh[code]).toMatch(/[\u4e00-\u9fff]/);
    expect(pages.en[code]).not.toMatch(/[\u3000-\u9fff\uff00-\uffef]/);
  });

  it("the locale files list no code the verifier does not have", () => {
    expect(Object.keys(pages.zh).sort()).toEqual([...codes].sort());
    expect(Object.keys(pages.en).sort()).toEqual([...codes].sort());
  });

  it("renders the CLI's English from the template and the parameters", () => {
    expect(renderFailure(fail("lottery_sum", { total: 999, M: 1000 }))).toBe("lottery counts sum to 999, not M = 1000");
    expect(renderFailure(fail("snapshot_hash"))).toBe("snapshot hash does not match the snapshot members");
  });
});

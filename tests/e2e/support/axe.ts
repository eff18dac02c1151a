import fs from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

type Violation = { id: string; impact: string | null; help: string; helpUrl: string; nodes: { target: unknown[]; failureSummary?: string }[] };

/**
 * Runs axe-core in the page (WCAG 2.x A and AA rules) and returns the serious and critical
 * violations, formatted for an assertion message. An empty string means the page passes.
 */
export async function seriousViolations(page: Page): Promise<string> {
  // Not page.addScriptTag: the app's CSP (script-src 'self' 'nonce-…') rightly blocks an injected
  // inline script. Evaluating through the DevTools protocol is not subject to the page's CSP.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary?.split("\n").slice(1).join(" ") ?? ""}`).join("\n")}`)
    .join("\n");
}

/** Fails with every serious or critical violation listed, naming the page. */
export async function expectAccessible(page: Page, what: string) {
  const found = await seriousViolations(page);
  if (found) throw new Error(`serious or critical accessibility violations on the ${what}:\n${found}`);
}

import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { exampleSmall20 } from "./factories";

let dir: string;
beforeAll(async () => {
  // example_small_20 written in the sortition format: no id column, no trailing newline.
  const { pool, quotas } = exampleSmall20();
  dir = await mkdtemp(path.join(tmpdir(), "panel-"));
  await writeFile(
    path.join(dir, "categories.csv"),
    ["category,feature,min,max", ...quotas.map((q) => `${q.category},${q.feature},${q.min},${q.max}`)].join("\n"),
  );
  await writeFile(
    path.join(dir, "respondents.csv"),
    ["gender,leaning", ...pool.map((m) => `${m.features.gender},${m.features.leaning}`)].join("\n"),
  );
});

async function panel(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const argv = ["tsx", "scripts/panel.ts", "--categories", path.join(dir, "categories.csv"), "--respondents", path.join(dir, "respondents.csv"), ...args];
  try {
    const { stdout, stderr } = await promisify(execFile)("npx", argv);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failure = e as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe("scripts/panel.ts", () => {
  it("prints one JSON object with the panel and LEXIMIN probabilities", async () => {
    const result = await panel("--k", "20", "--seed", "c0ffee", "--json");
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.algorithm).toEqual({ name: "leximin", version: "2", solver: "highs-1.15.3+cg2" });
    expect(out.panel).toHaveLength(20);
    expect(Object.keys(out.probabilities)).toHaveLength(200);
    expect(out.min_probability).toBeCloseTo(0.1, 6);
    expect(out.seconds).toBeGreaterThan(0);
    expect((await panel("--k", "20", "--seed", "c0ffee", "--json")).stdout).toContain(JSON.stringify(out.panel));
  });

  it("prints a readable table without --json", async () => {
    const result = await panel("--k", "20", "--seed", "c0ffee");
    expect(result.stdout).toContain("minimum selection probability 10.00%");
  });

  it("exits non-zero and names the quotas when they are infeasible", async () => {
    const result = await panel("--k", "50", "--seed", "ab");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("category gender: the maxima sum to 40 < k = 50");
  });

  it("exits non-zero on a bad seed", async () => {
    const result = await panel("--k", "20", "--seed", "not-hex");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--seed must be hexadecimal");
  });
});

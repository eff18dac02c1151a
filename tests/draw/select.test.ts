import { beforeAll, describe, expect, it } from "vitest";
import { recordChallenge, seatedPanel } from "../../server/draw/draw";
import { runDraw, type DrawInput } from "./run-draw";
import { sha256Hex } from "../../server/draw/hash";
import { buildLottery, drawTicket, lotteryMarginals, panelOfTicket } from "../../server/draw/lottery";
import { firstQuotaViolation } from "../../server/draw/quotas";
import type { DrawRecord } from "../../server/draw/record";
import { seedV2 } from "../../server/draw/protocol";
import { NoValidReplacementError, replaceChallenged, selectPanel } from "../../server/draw/select";
import type { PoolMember, Quota } from "../../server/draw/types";
import { exampleSmall20, syntheticInstance } from "./factories";

const SECRET = "11".repeat(32);

function drawInput(instance: { pool: PoolMember[]; quotas: Quota[]; k: number }): DrawInput {
  return {
    ...instance,
    exclusions: [
      { id: instance.pool[0].id, reason: "party to the dispute" },
      { id: instance.pool[5].id, reason: "moved away" },
    ],
    alternatesCount: 3,
    contributions: [
      { by: "applicant", value: "plum blossom" },
      { by: "respondent", value: "42" },
    ],
    secret: SECRET,
  };
}

const meetsQuotas = (record: DrawRecord, panel: string[]) => {
  const byId = new Map(record.snapshot.map((m) => [m.id, m]));
  return firstQuotaViolation(panel.map((id) => byId.get(id) as PoolMember), record.opening.quotas) === undefined;
};

describe.each([
  ["synthetic n=80 k=10, 3 categories", () => syntheticInstance(80, 10, 3, 11)],
  ["synthetic n=150 k=12, 4 categories", () => syntheticInstance(150, 12, 4, 12)],
  ["example_small_20", exampleSmall20],
])("runDraw on %s", (_, build) => {
  let input: DrawInput;
  let record: DrawRecord;
  beforeAll(async () => {
    input = drawInput(build());
    record = await runDraw(input);
  });

  it("draws a panel of k that meets every quota, as does every lottery panel", () => {
    expect(record.panel).toHaveLength(input.k);
    expect(meetsQuotas(record, record.panel)).toBe(true);
    for (const panel of record.lottery.panels) expect(meetsQuotas(record, panel)).toBe(true);
    expect(record.lottery.counts.reduce((a, b) => a + b, 0)).toBe(record.lottery.M);
  });

  it("never selects an excluded resident", () => {
    const excluded = input.exclusions.map((e) => e.id);
    const everywhere = [...record.snapshot.map((m) => m.id), ...record.lottery.panels.flat(), ...record.alternates];
    for (const id of excluded) {
      expect(everywhere).not.toContain(id);
      expect(record.probabilities[id]).toBeUndefined();
    }
  });

  it("lists every other eligible resident as an alternate", () => {
    expect([...record.panel, ...record.alternates].sort()).toEqual(record.snapshot.map((m) => m.id));
  });

  it("gives the same record for the same inputs", async () => {
    expect(await runDraw(input)).toEqual(record);
  });
});

describe("seed and selection", () => {
  it("changes the seed when one contribution changes", async () => {
    const base = { openingHash: "ab".repeat(32), secret: SECRET, external: null };
    const a = await seedV2({ ...base, contributions: [{ by: "applicant", value: "x" }] });
    const b = await seedV2({ ...base, contributions: [{ by: "applicant", value: "y" }] });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).not.toBe(a);
  });

  it("draws tickets in [0, M)", async () => {
    for (const M of [1, 7, 1000, 1_000_000]) {
      const ticket = await drawTicket("abcd", M);
      expect(ticket).toBeGreaterThanOrEqual(0);
      expect(ticket).toBeLessThan(M);
    }
  });

  it("selects each person as often as the recorded probabilities say (4000 fixed seeds)", async () => {
    const record = await runDraw(drawInput(syntheticInstance(60, 8, 3, 21)));
    const N = 4000;
    const counts = new Map<string, number>();
    for (let i = 0; i < N; i++) {
      const seed = await sha256Hex(`statistical test ${i}`);
      for (const id of (await selectPanel(seed, record.lottery)).panel) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    // Per person, the count is Binomial(N, p): allow 4.5 standard deviations (the seeds are fixed,
    // so the outcome never changes; a wrong sampler would miss by far more).
    let chiSquare = 0;
    for (const [id, p] of Object.entries(record.probabilities)) {
      const observed = counts.get(id) ?? 0;
      const sd = Math.sqrt(N * p * (1 - p));
      expect(Math.abs(observed - N * p)).toBeLessThanOrEqual(4.5 * sd + 1);
      if (p > 0) chiSquare += (observed - N * p) ** 2 / (N * p * (1 - p));
    }
    // Summed over ~60 people the statistic is about its degrees of freedom; 2× is far in the tail.
    expect(chiSquare).toBeLessThan(2 * Object.keys(record.probabilities).length);
  });

  it("rounds a distribution into a lottery whose marginals stay close", () => {
    const lottery = buildLottery({ panels: [["a", "b"], ["a", "c"], ["b", "c"]], weights: [1 / 3, 1 / 3, 1 / 3] }, 1000);
    expect(lottery.counts).toEqual([334, 333, 333]);
    const m = lotteryMarginals(lottery, ["a", "b", "c"]);
    expect(m.a).toBeCloseTo(0.667, 9);
    expect(panelOfTicket(lottery, 333)).toBe(0);
    expect(panelOfTicket(lottery, 334)).toBe(1);
  });
});

describe("challenges", () => {
  const pool: PoolMember[] = [
    { id: "a", features: { gender: "f" } },
    { id: "b", features: { gender: "m" } },
    { id: "c", features: { gender: "m" } },
    { id: "d", features: { gender: "f" } },
  ];
  const quotas: Quota[] = [
    { category: "gender", feature: "f", min: 1, max: 1 },
    { category: "gender", feature: "m", min: 1, max: 1 },
  ];

  it("skips alternates whose swap would break a quota", () => {
    expect(replaceChallenged(["a", "b"], ["c", "d"], "a", quotas, pool)).toEqual({ replacement: "d", panel: ["b", "d"] });
  });

  it("fails with a typed error when no alternate fits", () => {
    expect(() => replaceChallenged(["a", "b"], ["c"], "a", quotas, pool)).toThrow(NoValidReplacementError);
  });

  it("keeps every quota through a series of recorded challenges", async () => {
    let record = await runDraw(drawInput(exampleSmall20()));
    for (const juror of record.panel.slice(0, 4)) {
      record = recordChallenge(record, { by: "respondent", juror, reason: "knows the applicant" });
      const seated = seatedPanel(record);
      expect(seated).toHaveLength(record.opening.k);
      expect(seated).not.toContain(juror);
      expect(meetsQuotas(record, seated)).toBe(true);
    }
    expect(record.challenges.map((c) => c.replacement)).toEqual(
      record.alternates.filter((id) => record.challenges.some((c) => c.replacement === id)),
    );
  });
});

import { describe, expect, it } from "vitest";
import { computeResult, requiredVotes, type ResultInput } from "../../server/ballots/result";

const motion = [
  { id: "for", label: "同意" },
  { id: "against", label: "反对" },
  { id: "abstain", label: "弃权" },
];
const positions = [
  { id: "party_a", label: "支持甲方" },
  { id: "party_b", label: "支持乙方" },
  { id: "both", label: "双方均有责任" },
];

/** A council motion on 同意 / 反对 / 弃权 with 9 eligible and quorum 5 unless overridden. */
const onMotion = (counts: Record<string, number>, over: Partial<ResultInput> = {}) =>
  computeResult({ options: motion, passOptionId: "for", threshold: "majority_cast", quorum: 5, eligible: 9, counts, ...over });
/** A hearing panel of 7 choosing among positions (plurality), quorum 4 unless overridden. */
const onPositions = (counts: Record<string, number>, over: Partial<ResultInput> = {}) =>
  computeResult({ options: positions, passOptionId: null, threshold: "majority_cast", quorum: 4, eligible: 7, counts, ...over });

describe("requiredVotes", () => {
  it("majority_cast: more than half of the votes cast", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((c) => requiredVotes("majority_cast", c, 9))).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
  });
  it("majority_eligible: more than half of the eligible, whatever the turnout", () => {
    expect(requiredVotes("majority_eligible", 3, 9)).toBe(5);
    expect(requiredVotes("majority_eligible", 9, 10)).toBe(6);
  });
  it("two_thirds: at least two thirds of the votes cast (rounded up), never zero", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 9].map((c) => requiredVotes("two_thirds", c, 9))).toEqual([1, 1, 2, 2, 3, 4, 4, 5, 6]);
  });
  it("unanimity: every vote cast, never zero", () => {
    expect(requiredVotes("unanimity", 0, 9)).toBe(1);
    expect(requiredVotes("unanimity", 6, 9)).toBe(6);
  });
});

describe("quorum", () => {
  it("is no_quorum below the minimum turnout, with abstentions counting as turnout", () => {
    const r = onMotion({ for: 4 });
    expect(r).toMatchObject({ outcome: "no_quorum", cast: 4, winningOptionId: null, required: 0 });
    expect(onMotion({ for: 4, abstain: 1 }).outcome).toBe("passed");
  });
  it("is reached exactly at the quorum", () => {
    expect(onMotion({ for: 3, against: 2 }).outcome).toBe("passed");
  });
  it("a quorum is checked before a unanimous result", () => {
    expect(onMotion({ for: 2 }, { threshold: "unanimity" }).outcome).toBe("no_quorum");
  });
});

describe("motion (pass option 同意)", () => {
  it("majority_cast: passes with more than half of the votes cast", () => {
    expect(onMotion({ for: 4, against: 3 })).toMatchObject({ outcome: "passed", winningOptionId: "for", required: 4, cast: 7 });
  });
  it("majority_cast: an abstention counts as cast, so it weighs like not-for", () => {
    expect(onMotion({ for: 3, against: 2, abstain: 1 })).toMatchObject({ outcome: "failed", required: 4 });
  });
  it("majority_cast: exactly half is not a majority; level with 反对 it is a tie", () => {
    expect(onMotion({ for: 3, against: 3 })).toMatchObject({ outcome: "tie", tiedOptionIds: ["for", "against"] });
    expect(onMotion({ for: 3, against: 3, abstain: 2 }).outcome).toBe("tie");
  });
  it("majority_cast: fails when 反对 leads", () => {
    expect(onMotion({ for: 2, against: 4 })).toMatchObject({ outcome: "failed", winningOptionId: null, tiedOptionIds: [] });
  });
  it("majority_eligible: a majority of those present is not enough", () => {
    expect(onMotion({ for: 4, against: 1 }, { threshold: "majority_eligible" })).toMatchObject({ outcome: "failed", required: 5 });
    expect(onMotion({ for: 5, against: 1 }, { threshold: "majority_eligible" }).outcome).toBe("passed");
  });
  it("majority_eligible: a level split below the threshold is a tie", () => {
    expect(onMotion({ for: 4, against: 4 }, { threshold: "majority_eligible" }).outcome).toBe("tie");
  });
  it("two_thirds: at least two thirds of votes cast", () => {
    expect(onMotion({ for: 4, against: 2 }, { threshold: "two_thirds" })).toMatchObject({ outcome: "passed", required: 4 });
    expect(onMotion({ for: 4, against: 3 }, { threshold: "two_thirds" })).toMatchObject({ outcome: "failed", required: 5 });
    expect(onMotion({ for: 4, against: 1, abstain: 2 }, { threshold: "two_thirds" }).outcome).toBe("failed");
    expect(onMotion({ for: 3, against: 3 }, { threshold: "two_thirds" }).outcome).toBe("tie");
  });
  it("unanimity: every vote cast must be for; one abstention breaks it", () => {
    expect(onMotion({ for: 6 }, { threshold: "unanimity" })).toMatchObject({ outcome: "passed", required: 6 });
    expect(onMotion({ for: 6, abstain: 1 }, { threshold: "unanimity" }).outcome).toBe("failed");
    expect(onMotion({ for: 6, against: 1 }, { threshold: "unanimity" }).outcome).toBe("failed");
  });
  it("is not a tie when the other options tie with each other above it", () => {
    const options = [...motion, { id: "defer", label: "暂缓" }];
    expect(onMotion({ for: 1, against: 3, defer: 3 }, { options }).outcome).toBe("failed");
  });
});

describe("plurality (hearing positions, no pass option)", () => {
  it("the leading position wins when it meets the threshold", () => {
    expect(onPositions({ party_a: 4, party_b: 2, both: 1 })).toMatchObject({ outcome: "passed", winningOptionId: "party_a", required: 4 });
  });
  it("a leading position without a majority of votes cast fails", () => {
    expect(onPositions({ party_a: 3, party_b: 2, both: 2 })).toMatchObject({ outcome: "failed", winningOptionId: null });
  });
  it("two positions level at the top are a tie, whichever the threshold", () => {
    expect(onPositions({ party_a: 3, party_b: 3, both: 1 })).toMatchObject({ outcome: "tie", tiedOptionIds: ["party_a", "party_b"] });
    expect(onPositions({ party_a: 3, party_b: 3, both: 1 }, { threshold: "two_thirds" }).outcome).toBe("tie");
    expect(onPositions({ party_a: 2, party_b: 2, both: 2 })).toMatchObject({ outcome: "tie", tiedOptionIds: ["party_a", "party_b", "both"] });
  });
  it("a tie below the leader is not a tie", () => {
    expect(onPositions({ party_a: 3, party_b: 1, both: 1 }, { threshold: "two_thirds" })).toMatchObject({ outcome: "failed", tiedOptionIds: [] });
  });
  it("two_thirds and unanimity apply to the leading position", () => {
    expect(onPositions({ party_a: 5, party_b: 2 }, { threshold: "two_thirds" }).outcome).toBe("passed");
    expect(onPositions({ party_a: 4, party_b: 3 }, { threshold: "two_thirds" }).outcome).toBe("failed");
    expect(onPositions({ both: 7 }, { threshold: "unanimity" })).toMatchObject({ outcome: "passed", winningOptionId: "both" });
    expect(onPositions({ both: 6, party_a: 1 }, { threshold: "unanimity" }).outcome).toBe("failed");
  });
  it("majority_eligible counts the whole panel", () => {
    expect(onPositions({ party_a: 3, party_b: 1 }, { threshold: "majority_eligible" })).toMatchObject({ outcome: "failed", required: 4 });
    expect(onPositions({ party_a: 4 }, { threshold: "majority_eligible" }).outcome).toBe("passed");
  });
  it("an abstain option can never win", () => {
    const options = [...positions, { id: "abstain", label: "弃权" }];
    expect(onPositions({ abstain: 5, party_a: 1 }, { options })).toMatchObject({ outcome: "failed", winningOptionId: null });
  });
});

describe("edge cases", () => {
  it("no votes at all with quorum 0 fails (nothing passes with zero votes)", () => {
    for (const threshold of ["majority_cast", "majority_eligible", "two_thirds", "unanimity"] as const) {
      expect(onMotion({}, { quorum: 0, threshold })).toMatchObject({ outcome: "failed", cast: 0, counts: { for: 0, against: 0, abstain: 0 } });
      expect(onPositions({}, { quorum: 0, threshold }).outcome).toBe("failed");
    }
  });
  it("no votes with a quorum is no_quorum", () => {
    expect(onMotion({}).outcome).toBe("no_quorum");
  });
  it("all abstain: the quorum is met but nothing passes and nothing ties", () => {
    expect(onMotion({ abstain: 6 })).toMatchObject({ outcome: "failed", cast: 6, tiedOptionIds: [] });
    const options = [...positions, { id: "abstain", label: "弃权" }];
    expect(onPositions({ abstain: 7 }, { options }).outcome).toBe("failed");
  });
  it("reports every option's count in option order, and ignores counts for unknown options", () => {
    const r = onMotion({ against: 5, stray: 9 });
    expect(Object.keys(r.counts)).toEqual(["for", "against", "abstain"]);
    expect(r).toMatchObject({ cast: 5, outcome: "failed" });
  });
  it("a single voter, unanimity", () => {
    expect(computeResult({ options: motion, passOptionId: "for", threshold: "unanimity", quorum: 1, eligible: 1, counts: { for: 1 } }).outcome).toBe("passed");
  });
});

// The phone's rules for submission keys (app/live/vote-submission.ts, decision 004 §2).
import { describe, expect, it } from "vitest";
import { afterAnswer, submissionFor, type StoredVote } from "../../app/live/vote-submission";

let n = 0;
const newKey = () => `fresh${++n}`;

describe("a tap on an option", () => {
  it("after an acknowledgement timeout resends the stored key and choice, never a new key", () => {
    const unacknowledged: StoredVote = { key: "k-first", optionId: "for" };
    expect(submissionFor(unacknowledged, "against", newKey)).toEqual(unacknowledged);
  });
  it("after an acknowledgement is a deliberate change with a new key, keeping the old receipt meanwhile", () => {
    const next = submissionFor({ key: "k1", optionId: "for", receipt: "r1" }, "against", newKey);
    expect(next.key).not.toBe("k1");
    expect(next).toMatchObject({ optionId: "against", previous: { key: "k1", optionId: "for", receipt: "r1" } });
    expect(next.receipt).toBeUndefined();
  });
});

describe("the server's answer", () => {
  const change: StoredVote = { key: "k2", optionId: "against", previous: { key: "k1", optionId: "for", receipt: "r1" } };

  it("a timeout keeps the unacknowledged key for a resend", () => {
    const out = afterAnswer({ key: "k1", optionId: "for" }, { ok: false, error: { code: "timeout" } }, newKey);
    expect(out).toMatchObject({ kind: "store", stored: { key: "k1", optionId: "for" } });
  });
  it("already_voted on an open ballot shows the existing receipt", () => {
    const out = afterAnswer({ key: "k9", optionId: "for" }, { ok: false, error: { code: "already_voted", details: { receipt: "r0", optionId: "against" } } }, newKey);
    expect(out.stored).toEqual({ key: "k9", optionId: "against", receipt: "r0" });
  });
  it("a refused change (already_voted, closed) goes back to the acknowledged vote: the receipt is never lost", () => {
    for (const code of ["already_voted", "ballot_closed", "not_eligible"]) {
      const out = afterAnswer(change, { ok: false, error: { code } }, newKey);
      expect(out.stored).toEqual({ key: "k1", optionId: "for", receipt: "r1" });
    }
  });
  it("a superseded key stores the current vote the server answered with", () => {
    const out = afterAnswer({ key: "k1", optionId: "for" }, { ok: true, data: { receipt: "r2", alreadyRecorded: true, superseded: true, optionId: "against" } }, newKey);
    expect(out.stored).toEqual({ key: "k1", optionId: "against", receipt: "r2" });
  });
  it("key_conflict resends the same choice with a fresh key", () => {
    const out = afterAnswer({ key: "k1", optionId: "for" }, { ok: false, error: { code: "key_conflict" } }, newKey);
    expect(out.kind).toBe("resend");
    expect(out.stored).toMatchObject({ optionId: "for" });
    expect(out.stored!.key).not.toBe("k1");
  });
  it("an acknowledged change replaces the previous receipt", () => {
    const out = afterAnswer(change, { ok: true, data: { receipt: "r2", alreadyRecorded: false, changed: true } }, newKey);
    expect(out.stored).toEqual({ key: "k2", optionId: "against", receipt: "r2" });
  });
});

import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPoolService } from "../../server/pool/service";
import { PSEUDONYM_KEY_FILE } from "../../server/pool/pseudonym";
import { poolFixture, type PoolFixture } from "./fixtures";

let f: PoolFixture;
beforeEach(() => {
  f = poolFixture();
});
afterEach(() => f.close());

// 2025-06-10 02:00 in Shanghai is still 2025-06-09 in UTC: the calendar-day rule must use Shanghai.
const hearingDate = new Date("2025-06-09T18:00:00Z");
const daysBefore = (days: number) => new Date(hearingDate.getTime() - days * 24 * 60 * 60 * 1000);

function draw(input: { hearingId?: number; parties?: { name: string; representativeId?: number | null; unitId?: number | null }[]; manual?: { representativeId: number; reason: string }[] } = {}) {
  const hearingId = input.hearingId ?? f.hearing({ scheduledAt: hearingDate, status: "announced", parties: input.parties }).id;
  return f.pool.eligiblePool({
    communityId: f.units.community.id,
    hearingId,
    hearingDate,
    parties: (input.parties ?? []).map((p, i) => ({ id: i + 1, name: p.name, representativeId: p.representativeId ?? null, unitId: p.unitId ?? null })),
    manualExclusions: input.manual ?? [],
  });
}

const reasonOf = (result: ReturnType<typeof draw>, representativeId: number) =>
  result.exclusions.find((e) => e.representativeId === representativeId)?.reason ?? (result.members.some((m) => m.representativeId === representativeId) ? "member" : "absent");

describe("eligiblePool", () => {
  it("puts every active, unconflicted representative of the community in, with category and features, sorted by pseudonym", () => {
    const a = f.rep({ category: "deputy", features: { gender: "女" } });
    const b = f.rep({ category: "elder", features: { gender: "男" } });
    f.rep({ communityId: f.units.other.id, unitId: f.units.otherBuilding.id }); // another community's pool
    const result = draw();
    expect(result.exclusions).toEqual([]);
    expect(result.members.map((m) => m.representativeId).sort()).toEqual([a.id, b.id].sort());
    expect(result.members.find((m) => m.representativeId === a.id)!.features).toEqual({ category: "deputy", gender: "女" });
    const ids = result.members.map((m) => m.id);
    expect(ids).toEqual([...ids].sort());
  });

  it("excludes the parties themselves", () => {
    const party = f.rep({ name: "张三" });
    const other = f.rep();
    const result = draw({ parties: [{ name: "张三", representativeId: party.id }, { name: "李四" }] });
    expect(reasonOf(result, party.id)).toBe("party");
    expect(reasonOf(result, other.id)).toBe("member");
  });

  it("excludes a declared conflict naming a party, whatever the spacing", () => {
    const relative = f.rep();
    const bystander = f.rep();
    f.conflict({ representativeId: relative.id, kind: "relative", personName: " 李四 " });
    f.conflict({ representativeId: bystander.id, kind: "relative", personName: "李四五" });
    const result = draw({ parties: [{ name: "李四" }] });
    expect(result.exclusions.find((e) => e.representativeId === relative.id)).toMatchObject({ reason: "conflict", note: "relative" });
    expect(reasonOf(result, bystander.id)).toBe("member");
  });

  it("excludes a conflict with a party who is a representative, declared from either side", () => {
    const partyRep = f.rep({ name: "王五" });
    const declaredByJuror = f.rep();
    const declaredByParty = f.rep();
    const unrelated = f.rep();
    f.conflict({ representativeId: declaredByJuror.id, kind: "other", otherRepresentativeId: partyRep.id });
    f.conflict({ representativeId: partyRep.id, kind: "relative", otherRepresentativeId: declaredByParty.id });
    const result = draw({ parties: [{ name: "王五", representativeId: partyRep.id }] });
    expect(reasonOf(result, declaredByJuror.id)).toBe("conflict");
    expect(reasonOf(result, declaredByParty.id)).toBe("conflict");
    expect(reasonOf(result, unrelated.id)).toBe("member");
  });

  it("excludes neighbour and employer conflicts on a party's unit, not other kinds or other units", () => {
    const neighbour = f.rep();
    const employee = f.rep();
    const relativeWithUnit = f.rep();
    const otherBuilding = f.rep();
    f.conflict({ representativeId: neighbour.id, kind: "neighbour", unitId: f.units.building2.id });
    f.conflict({ representativeId: employee.id, kind: "employer", unitId: f.units.building2.id });
    f.conflict({ representativeId: relativeWithUnit.id, kind: "relative", unitId: f.units.building2.id, personName: "赵六" });
    f.conflict({ representativeId: otherBuilding.id, kind: "neighbour", unitId: f.units.building1.id });
    const result = draw({ parties: [{ name: "李四", unitId: f.units.building2.id }] });
    expect(reasonOf(result, neighbour.id)).toBe("conflict");
    expect(reasonOf(result, employee.id)).toBe("conflict");
    expect(reasonOf(result, relativeWithUnit.id)).toBe("member");
    expect(reasonOf(result, otherBuilding.id)).toBe("member");
  });

  it("excludes representatives unavailable on the hearing's calendar day in Shanghai", () => {
    const busy = f.rep();
    const busyUtcDay = f.rep();
    f.pool.addUnavailableDate(f.mediator, busy.id, "2025-06-10");
    f.pool.addUnavailableDate(f.mediator, busyUtcDay.id, "2025-06-09");
    const result = draw();
    expect(reasonOf(result, busy.id)).toBe("unavailable");
    expect(reasonOf(result, busyUtcDay.id)).toBe("member");
  });

  it("excludes suspended and retired representatives", () => {
    const suspended = f.rep();
    const retired = f.rep();
    f.pool.suspend(f.mediator, suspended.id, { reason: "长期外出", date: "2025-01-01" });
    f.pool.retire(f.mediator, retired.id, { reason: "迁出本社区", date: "2025-01-01" });
    const result = draw();
    expect(reasonOf(result, suspended.id)).toBe("suspended");
    expect(reasonOf(result, retired.id)).toBe("retired");
  });

  it("excludes jurors of another recent hearing with the same party (by representative or by name), within 12 months, cancelled or challenged ones too", () => {
    const partyRep = f.rep({ name: "王五" });
    const [byRep, byName, tooOld, alternate, replaced, cancelled, otherParty] = Array.from({ length: 7 }, () => f.rep());
    f.hearing({ scheduledAt: daysBefore(100), parties: [{ name: "王五（曾用名）", representativeId: partyRep.id }], seats: [{ representativeId: byRep.id }] });
    f.hearing({ scheduledAt: daysBefore(200), parties: [{ name: "李四" }], seats: [{ representativeId: byName.id }] });
    f.hearing({ scheduledAt: daysBefore(400), parties: [{ name: "李四" }], seats: [{ representativeId: tooOld.id }] });
    f.hearing({
      scheduledAt: daysBefore(30),
      parties: [{ name: "李四" }],
      seats: [
        { representativeId: alternate.id, role: "alternate" },
        { representativeId: replaced.id, status: "replaced" },
      ],
    });
    f.hearing({ scheduledAt: daysBefore(20), status: "cancelled", parties: [{ name: "李四" }], seats: [{ representativeId: cancelled.id }] });
    f.hearing({ scheduledAt: daysBefore(10), parties: [{ name: "赵六" }], seats: [{ representativeId: otherParty.id }] });
    const result = draw({ parties: [{ name: "王五", representativeId: partyRep.id }, { name: "李四" }] });
    expect(reasonOf(result, byRep.id)).toBe("recent_panel_same_party");
    expect(reasonOf(result, byName.id)).toBe("recent_panel_same_party");
    // A drawn juror counts even if the hearing was cancelled or the seat replaced: cancelling a draw and
    // reconvening must not make the same residents drawable again (issue 11, rotation).
    expect(reasonOf(result, cancelled.id)).toBe("recent_panel_same_party");
    expect(reasonOf(result, replaced.id)).toBe("recent_panel_same_party");
    for (const r of [tooOld, alternate, otherParty]) expect(reasonOf(result, r.id)).toBe("member");
  });

  it("does not count the hearing's own panel as a recent panel", () => {
    const juror = f.rep();
    const own = f.hearing({ scheduledAt: hearingDate, status: "drawing", parties: [{ name: "李四" }], seats: [{ representativeId: juror.id }] });
    const result = draw({ hearingId: own.id, parties: [{ name: "李四" }] });
    expect(reasonOf(result, juror.id)).toBe("member");
  });

  it("excludes manual exclusions and keeps their recorded reason", () => {
    const excused = f.rep();
    const result = draw({ manual: [{ representativeId: excused.id, reason: "与当事人系同事" }] });
    expect(result.exclusions).toEqual([expect.objectContaining({ representativeId: excused.id, reason: "manual", note: "与当事人系同事" })]);
  });

  it("refuses a manual exclusion without a reason, or of someone outside the pool", () => {
    const rep = f.rep();
    const stranger = f.rep({ communityId: f.units.other.id, unitId: f.units.otherBuilding.id });
    expect(() => draw({ manual: [{ representativeId: rep.id, reason: "  " }] })).toThrow(expect.objectContaining({ code: "invalid_input" }));
    expect(() => draw({ manual: [{ representativeId: stranger.id, reason: "外社区" }] })).toThrow(
      expect.objectContaining({ code: "pool_manual_exclusion_unknown" }),
    );
  });

  it("gives each excluded representative one reason: the first that applies", () => {
    const party = f.rep({ name: "张三" });
    f.pool.suspend(f.mediator, party.id, { reason: "生病", date: "2025-01-01" });
    const result = draw({ parties: [{ name: "张三", representativeId: party.id }], manual: [{ representativeId: party.id, reason: "当事人" }] });
    expect(result.exclusions).toHaveLength(1);
    expect(result.exclusions[0].reason).toBe("party");
  });
});

describe("pseudonyms", () => {
  it("are stable within a hearing, differ across hearings, and are hashes rather than ids", () => {
    const rep = f.rep();
    const h = f.hearing({ scheduledAt: hearingDate, status: "announced" });
    const first = draw({ hearingId: h.id }).members[0].id;
    expect(draw({ hearingId: h.id }).members[0].id).toBe(first);
    expect(first).toMatch(/^R[0-9a-f]{10}$/);
    expect(first).not.toBe(`R${rep.id}`);
    expect(draw().members[0].id).not.toBe(first);
  });

  it("depend on a per-install secret kept in the data directory", () => {
    f.rep();
    const h = f.hearing({ scheduledAt: hearingDate, status: "announced" });
    const mine = draw({ hearingId: h.id }).members[0].id;
    const keyFile = path.join(f.dataDir, PSEUDONYM_KEY_FILE);
    expect(fs.readFileSync(keyFile, "utf8").trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(keyFile).mode & 0o077).toBe(0);
    // A second service over the same data directory reuses the key...
    const again = createPoolService({ db: f.db, clock: f.clock, dataDir: f.dataDir });
    const input = { communityId: f.units.community.id, hearingId: h.id, hearingDate, parties: [], manualExclusions: [] };
    expect(again.eligiblePool(input).members[0].id).toBe(mine);
    // ...while another install (another key) cannot recompute them.
    fs.writeFileSync(keyFile, "f".repeat(64));
    const elsewhere = createPoolService({ db: f.db, clock: f.clock, dataDir: f.dataDir });
    expect(elsewhere.eligiblePool(input).members[0].id).not.toBe(mine);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { poolFixture, type PoolFixture } from "./fixtures";

let f: PoolFixture;
beforeEach(() => {
  f = poolFixture();
});
afterEach(() => f.close());

const day = 24 * 60 * 60 * 1000;

describe("panels served in the last 12 months", () => {
  it("counts active juror seats of hearings scheduled in the 12 months up to now, not cancelled ones, alternates or replaced seats", () => {
    const now = f.clock.now().getTime();
    const r = f.rep();
    const other = f.rep();
    const at = (daysAgo: number) => new Date(now - daysAgo * day);
    f.hearing({ scheduledAt: at(10), seats: [{ representativeId: r.id }, { representativeId: other.id, role: "alternate" }] });
    f.hearing({ scheduledAt: at(300), seats: [{ representativeId: r.id }] });
    f.hearing({ scheduledAt: at(400), seats: [{ representativeId: r.id }] }); // too old
    f.hearing({ scheduledAt: at(20), status: "cancelled", seats: [{ representativeId: r.id }] });
    f.hearing({ scheduledAt: at(30), seats: [{ representativeId: r.id, status: "replaced" }, { representativeId: other.id, status: "challenged" }] });
    f.hearing({ scheduledAt: at(-5), status: "announced", seats: [{ representativeId: r.id }] }); // not yet held

    expect(f.pool.get(f.mediator, r.id).panelsServed).toBe(2);
    expect(f.pool.get(f.mediator, other.id).panelsServed).toBe(0);
    const listed = f.pool.list(f.mediator, f.units.community.id).representatives;
    expect(listed.find((x) => x.id === r.id)!.panelsServed).toBe(2);
  });
});

describe("the pool service refuses other communities' mediators", () => {
  it("for every read and change, and nothing changes", () => {
    const r = f.rep({ name: "原名" });
    const who = f.otherMediator;
    const calls: [string, () => unknown][] = [
      ["get", () => f.pool.get(who, r.id)],
      ["list", () => f.pool.list(who, f.units.community.id)],
      ["create", () => f.pool.create(who, f.units.community.id, { name: "x", unitId: f.units.building1.id, category: "elder", nomination: "self" })],
      ["update", () => f.pool.update(who, r.id, { name: "x", unitId: f.units.building1.id, category: "elder", nomination: "self" })],
      ["suspend", () => f.pool.suspend(who, r.id, { reason: "x", date: "2025-01-01" })],
      ["retire", () => f.pool.retire(who, r.id, { reason: "x", date: "2025-01-01" })],
      ["addTraining", () => f.pool.addTraining(who, r.id, { date: "2025-01-01", topic: "x" })],
      ["addUnavailableDate", () => f.pool.addUnavailableDate(who, r.id, "2025-01-01")],
      ["addConflict", () => f.pool.addConflict(who, r.id, { kind: "relative", personName: "x" })],
      ["saveFeature", () => f.pool.saveFeature(who, f.units.community.id, null, { key: "x", label: "x", values: ["a"] })],
      ["exportCsv", () => f.pool.exportCsv(who, f.units.community.id)],
      ["importCsv", () => f.pool.importCsv(who, f.units.community.id, "name,unit,category,nomination\nx,和平社区,elder,self")],
    ];
    for (const [name, call] of calls) expect(call, name).toThrow(expect.objectContaining({ code: "forbidden" }));
    const after = f.pool.get(f.mediator, r.id);
    expect(after.representative).toMatchObject({ name: "原名", status: "active", unavailableDates: [] });
    expect(after.trainings).toEqual([]);
    expect(after.conflicts).toEqual([]);
    expect(f.pool.list(f.mediator, f.units.community.id).representatives).toHaveLength(1);
    expect(f.pool.features(f.mediator, f.units.community.id).map((x) => x.key)).toEqual(["gender"]);
  });
});

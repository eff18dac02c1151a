import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createUser } from "../../db/seed/factories";
import { poolFixture, type PoolFixture } from "./fixtures";

let f: PoolFixture;
beforeEach(() => {
  f = poolFixture();
});
afterEach(() => f.close());

describe("communities a mediator may manage", () => {
  it("are the communities they act for, in id order (the first is the default); none for anyone else", () => {
    const both = createUser(f.db, { username: "m3", displayName: "双社区调解员", passwordHash: "x", roles: ["mediator"], unitIds: [f.units.other.id, f.units.community.id] });
    const principal = { kind: "user" as const, sessionId: "t", user: { id: both.id, username: "m3", displayName: "双社区调解员", roles: ["mediator" as const], unitIds: [f.units.other.id, f.units.community.id] } };
    expect(f.pool.communities(principal).map((c) => c.name)).toEqual(["和平社区", "光明社区"]);
    expect(f.pool.communities(f.otherMediator).map((c) => c.name)).toEqual(["光明社区"]);
    const representative = { kind: "user" as const, sessionId: "t", user: { id: 999, username: "rep", displayName: "代表", roles: ["representative" as const], unitIds: [f.units.community.id] } };
    expect(f.pool.communities(representative)).toEqual([]);
    expect(f.pool.communities({ kind: "anonymous" })).toEqual([]);
    expect(() => f.pool.list(representative, f.units.community.id)).toThrow(expect.objectContaining({ code: "forbidden" }));
    expect(() => f.pool.list({ kind: "anonymous" }, f.units.community.id)).toThrow(expect.objectContaining({ code: "unauthenticated" }));
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

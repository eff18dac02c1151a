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

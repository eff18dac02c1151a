import { describe, expect, it } from "vitest";
import { unitsWhere, userCan } from "../../server/auth/permissions";
import type { SessionUser } from "../../server/auth/principal";
import { createLoginThrottle, delayAfter, throttleRules } from "../../server/auth/throttle";

// 1 street → 2 communities (10, 20); 11 is a grid of 10.
const mediatorAndRepresentative: SessionUser = {
  id: 1,
  username: "m",
  displayName: "m",
  roles: ["mediator", "representative"],
  unitIds: [10, 20],
  grants: [
    { role: "mediator", unitId: 10, covers: [10, 11] },
    { role: "representative", unitId: 20, covers: [20] },
  ],
};

describe("the role held in the community concerned", () => {
  it("lets a mediator manage the pool of their own community only, not where they are a representative", () => {
    expect(userCan(mediatorAndRepresentative, "manage:pool:own", 10)).toBe(true);
    expect(userCan(mediatorAndRepresentative, "manage:pool:own", 11)).toBe(true);
    expect(userCan(mediatorAndRepresentative, "manage:pool:own", 20)).toBe(false);
    expect(userCan(mediatorAndRepresentative, "chair:session:own", 20)).toBe(false);
    expect(userCan(mediatorAndRepresentative, "vote:ballot:own", 20)).toBe(true);
    expect(userCan(mediatorAndRepresentative, "vote:ballot:own", 10)).toBe(false);
    expect(unitsWhere(mediatorAndRepresentative, "manage:hearing:own")).toEqual([10, 11]);
  });
  it("keeps the old meaning for a hand-built principal without grants", () => {
    const legacy: SessionUser = { id: 2, username: "x", displayName: "x", roles: ["mediator"], unitIds: [10] };
    expect(userCan(legacy, "manage:pool:own", 10)).toBe(true);
    expect(userCan(legacy, "manage:pool:own", 20)).toBe(false);
  });
});

describe("sign-in throttling: growing delays, never a lockout", () => {
  it("delays an account at one address without slowing it elsewhere or from a known device", () => {
    let t = 0;
    const th = createLoginThrottle({ now: () => t });
    for (let i = 0; i < 10; i++) th.fail("mediator", "6.6.6.6");
    expect(th.wait("mediator", "6.6.6.6", false)).toBeGreaterThan(0);
    expect(th.wait("mediator", "10.0.0.1", false)).toBe(0); // the mediator's office
    expect(th.wait("mediator", "6.6.6.6", true)).toBe(0); // a known device
    t += 60 * 60 * 1000 + 1;
    expect(th.wait("mediator", "6.6.6.6", false)).toBe(0); // forgotten after an hour
  });
  it("an attacker spread over many addresses delays only unknown devices, with a ceiling", () => {
    const th = createLoginThrottle({ now: () => 0 });
    for (let i = 0; i < 200; i++) th.fail("mediator", `10.1.${i}.1`);
    expect(th.wait("mediator", "10.0.0.1", false)).toBeLessThanOrEqual(throttleRules.account.maxDelayMs);
    expect(th.wait("mediator", "10.0.0.1", true)).toBe(0);
    th.unlock("mediator");
    expect(th.wait("mediator", "10.0.0.1", false)).toBe(0);
  });
  it("one hall's Wi-Fi with mistyping residents waits at most a minute", () => {
    const th = createLoginThrottle({ now: () => 0 });
    for (let i = 0; i < 500; i++) th.fail(`rep${i}`, "192.168.1.1");
    expect(th.wait("rep999", "192.168.1.1", false)).toBeLessThanOrEqual(throttleRules.address.maxDelayMs);
  });
  it("doubles from one second after the free failures", () => {
    expect([5, 6, 7, 8].map((n) => delayAfter(n, throttleRules.accountAddress))).toEqual([0, 1000, 2000, 4000]);
  });
});

import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { createRepresentative, createUser } from "../../db/seed/factories";
import { hearings, matters, panelSeats, units, users, userUnits } from "../../db/schema";

export type Juror = { userId: number; representativeId: number; username: string };

/** The demo mediator and the community they manage (looked up, not assumed). */
export function demoMediator(db: Db) {
  const mediator = db.select().from(users).where(eq(users.username, "mediator")).get()!;
  const communityId = db.select().from(userUnits).where(eq(userUnits.userId, mediator.id)).get()!.unitId;
  const community = db.select().from(units).where(eq(units.id, communityId)).get()!;
  if (community.kind !== "community") throw new Error("the demo mediator should manage a community");
  return { mediatorId: mediator.id, communityId };
}

/**
 * A hearing that is live in its voting phase, with `jurors` checked-in jurors (each a user with a
 * representative) and `late` jurors who have not checked in. Usernames start with a fresh random
 * prefix so several hearings can live in one database. `passwordHash` lets the crash test log in.
 */
export function createVotingHearing(db: Db, opts: { jurors: number; late?: number; passwordHash?: string }) {
  const { mediatorId, communityId } = demoMediator(db);
  const prefix = `j${randomBytes(3).toString("hex")}`;
  const now = new Date();
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const matter = t
      .insert(matters)
      .values({ communityId, title: "楼上漏水纠纷", scope: "private", difficulty: "hard", source: "visit", reportedAt: now, createdAt: now, updatedAt: now })
      .returning()
      .get();
    const total = opts.jurors + (opts.late ?? 0);
    const hearing = t
      .insert(hearings)
      .values({
        matterId: matter.id,
        communityId,
        title: "关于楼上漏水的评理大会",
        place: "社区党群服务中心",
        scheduledAt: now,
        status: "live",
        phase: "voting",
        panelSize: total % 2 === 1 ? total : total + 1,
        alternatesCount: 0,
        quotas: [],
        speakingBudgets: {},
        chairId: mediatorId,
        createdAt: now,
      })
      .returning()
      .get();
    const make = (i: number, checkedIn: boolean): Juror => {
      const username = `${prefix}_${String(i).padStart(3, "0")}`;
      const user = createUser(t, { username, displayName: `评理员${i}`, passwordHash: opts.passwordHash ?? "!", roles: ["representative"], unitIds: [communityId] });
      const rep = createRepresentative(t, { name: `评理员${i}`, userId: user.id, unitId: communityId, communityId, category: "resident" });
      t.insert(panelSeats)
        .values({ hearingId: hearing.id, representativeId: rep.id, role: "juror", position: i, status: "active", checkedInAt: checkedIn ? now : null })
        .run();
      return { userId: user.id, representativeId: rep.id, username };
    };
    const jurors = Array.from({ length: opts.jurors }, (_, i) => make(i + 1, true));
    const late = Array.from({ length: opts.late ?? 0 }, (_, i) => make(opts.jurors + i + 1, false));
    return { hearingId: hearing.id, communityId, mediatorId, jurors, late };
  });
}

/** A fresh submission key as a voter's device makes it: 128 random bits in hex. */
export const newKey = () => randomBytes(16).toString("hex");

/** Hearing positions (the default options of a hearing ballot). */
export const hearingOptions = [
  { id: "party_a", label: "支持甲方" },
  { id: "party_b", label: "支持乙方" },
  { id: "both", label: "双方均有责任" },
];

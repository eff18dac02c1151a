import { sql } from "drizzle-orm";
import { hash } from "@node-rs/argon2";
import type { Logger } from "../../server/log";
import type { Services } from "../../server/services";
import type { Db } from "../connection";
import { poolFeatures, representativeCategories } from "../schema";
import { createLiveHub } from "../../server/live/hub";
import { createServices } from "../../server/services";
import { seedDemoCouncils } from "./demo-councils";
import { seedDemoHearings, type SeedClock } from "./demo-hearings";
import { seedDemoPortal } from "./demo-portal";
import { createRepresentative, createUnit, createUser } from "./factories";

export const DEMO_PASSWORD = "demo-password";

const surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
const givenNames = ["秀英", "建国", "桂兰", "志强", "丽华", "国庆", "淑珍", "海燕", "文斌", "玉梅", "德明", "春花"];

/**
 * Demo data for a first look: one street, two communities with their grids and buildings, and the
 * accounts listed in the README (all with password `demo-password`). Runs only on an empty database.
 */
export async function seedDemo(db: Db, services: Services, log: Logger): Promise<void> {
  const existing = db.get<{ n: number }>(sql`select count(*) as n from units`);
  if (existing && existing.n > 0) return;
  // Each demo account gets its own salt (issue 13). The demo password is public, so a slow hash protects
  // nothing here: a cheap argon2id profile keeps 44 distinct hashes fast (verify reads it from the hash).
  const cheap = { memoryCost: 1024, timeCost: 1, parallelism: 1, outputLen: 32 } as const;
  const hashes = await Promise.all(Array.from({ length: 44 }, () => hash(DEMO_PASSWORD, cheap)));
  const nextHash = () => hashes.pop()!;

  db.transaction((tx) => {
    const t = tx as unknown as Db;
    const street = createUnit(t, { kind: "street", name: "幸福街道" });
    const communities = ["和平社区", "光明社区"].map((name) => createUnit(t, { kind: "community", name, parentId: street.id }));
    // The free features the demo representatives carry, configured so the pool pages and CSV know them.
    for (const c of communities) {
      t.insert(poolFeatures).values({ communityId: c.id, key: "gender", label: "性别", values: ["female", "male"] }).run();
      t.insert(poolFeatures).values({ communityId: c.id, key: "age", label: "年龄段", values: ["18-39", "40-59", "60+"] }).run();
    }
    const grids = communities.flatMap((c) =>
      ["第一网格", "第二网格"].map((name) => createUnit(t, { kind: "grid", name, parentId: c.id })),
    );
    const buildings = grids.flatMap((g, gi) =>
      [1, 2].map((n) => createUnit(t, { kind: "building", name: `${gi * 2 + n}号楼`, parentId: g.id })),
    );

    createUser(t, { username: "admin", displayName: "街道管理员", passwordHash: nextHash(), isDemo: true, roles: ["admin"], unitIds: [street.id] });
    createUser(t, { username: "mediator", displayName: "陈调解", passwordHash: nextHash(), isDemo: true, roles: ["mediator"], unitIds: [communities[0].id] });
    createUser(t, { username: "mediator2", displayName: "林调解", passwordHash: nextHash(), isDemo: true, roles: ["mediator"], unitIds: [communities[1].id] });
    createUser(t, { username: "supervisor", displayName: "监委会周委员", passwordHash: nextHash(), isDemo: true, roles: ["supervisor"], unitIds: [communities[0].id] });

    for (let i = 1; i <= 40; i++) {
      const username = `rep${String(i).padStart(2, "0")}`;
      // 30 in the first community (enough for panels of 7 with alternates), 10 in the second.
      const community = i <= 30 ? communities[0] : communities[1];
      const communityBuildings = buildings.filter((_, bi) => (community === communities[0] ? bi < 4 : bi >= 4));
      const building = communityBuildings[i % communityBuildings.length];
      const name = surnames[i % surnames.length] + givenNames[(i * 7) % givenNames.length];
      const user = createUser(t, { username, displayName: name, passwordHash: nextHash(), isDemo: true, roles: ["representative"], unitIds: [community.id] });
      createRepresentative(t, {
        name,
        userId: user.id,
        unitId: building.id,
        communityId: community.id,
        category: representativeCategories[i % representativeCategories.length],
        nomination: i % 3 === 0 ? "self" : "organisation",
        features: { gender: i % 2 === 0 ? "female" : "male", age: ["18-39", "40-59", "60+"][i % 3] },
        phone: `1380000${String(i).padStart(4, "0")}`,
      });
    }
  });
  await seedDemoMeetings(db, services, log);
  log.info("seeded demo data", { accounts: 44 });
}

/**
 * Meetings go through the real services, so their records are real hash chains. They use their own
 * service instance with a clock the seed can set (a finished hearing happened in the past); nothing
 * is connected yet, so its broadcasts reach no one.
 */
async function seedDemoMeetings(db: Db, services: Services, log: Logger) {
  let now = new Date();
  const clock: SeedClock = { now: () => now, set: (d) => void (now = d) };
  const seedServices = createServices({ db, clock, log, env: services.env, live: createLiveHub() });
  await seedDemoHearings(db, seedServices, clock);
  await seedDemoCouncils(db, seedServices, clock);
  seedDemoPortal(db, seedServices);
}

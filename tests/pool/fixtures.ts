import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDatabase, openDatabase, type Db } from "../../db/connection";
import { runMigrations } from "../../db/migrate";
import { hearingParties, hearings, matters, panelSeats, poolFeatures, representativeConflicts, type RepresentativeCategory } from "../../db/schema";
import { createRepresentative, createUnit, createUser } from "../../db/seed/factories";
import type { Principal } from "../../server/auth/principal";
import { createPoolService } from "../../server/pool/service";
import { testClock } from "../support/server";

/**
 * A real, migrated SQLite database in a temp directory with one street, two communities (a grid and two
 * buildings each) and a mediator for each, plus the pool service over it. No server: these tests talk to
 * the service directly, with real rows.
 */
export function poolFixture() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "civic-pool-"));
  const db = openDatabase(path.join(dataDir, "civic.sqlite"));
  runMigrations(db);
  const clock = testClock();
  const pool = createPoolService({ db, clock, dataDir });

  const street = createUnit(db, { kind: "street", name: "幸福街道" });
  const community = createUnit(db, { kind: "community", name: "和平社区", parentId: street.id });
  const grid = createUnit(db, { kind: "grid", name: "第一网格", parentId: community.id });
  const building1 = createUnit(db, { kind: "building", name: "1号楼", parentId: grid.id });
  const building2 = createUnit(db, { kind: "building", name: "2号楼", parentId: grid.id });
  const other = createUnit(db, { kind: "community", name: "光明社区", parentId: street.id });
  const otherGrid = createUnit(db, { kind: "grid", name: "第一网格", parentId: other.id });
  const otherBuilding = createUnit(db, { kind: "building", name: "1号楼", parentId: otherGrid.id });
  db.insert(poolFeatures).values({ communityId: community.id, key: "gender", label: "性别", values: ["女", "男"] }).run();

  const mediatorUser = createUser(db, { username: "m1", displayName: "陈调解", passwordHash: "x", roles: ["mediator"], unitIds: [community.id] });
  const otherMediatorUser = createUser(db, { username: "m2", displayName: "林调解", passwordHash: "x", roles: ["mediator"], unitIds: [other.id] });
  const principal = (u: typeof mediatorUser, unitIds: number[]): Principal => ({
    kind: "user",
    sessionId: "test",
    user: { id: u.id, username: u.username, displayName: u.displayName, roles: ["mediator"], unitIds },
  });

  let n = 0;
  const rep = (input: { name?: string; category?: RepresentativeCategory; unitId?: number; communityId?: number; features?: Record<string, string> } = {}) =>
    createRepresentative(db, {
      name: input.name ?? `代表${++n}`,
      unitId: input.unitId ?? building1.id,
      communityId: input.communityId ?? community.id,
      category: input.category ?? "resident",
      features: input.features ?? { gender: n % 2 ? "女" : "男" },
      phone: `1390000${String(1000 + n)}`,
    });

  let matterId: number | undefined;
  /** A hearing with its parties and panel seats, as the hearing service would leave them. */
  const hearing = (input: {
    scheduledAt: Date;
    status?: (typeof hearings.$inferInsert)["status"];
    communityId?: number;
    parties?: { name: string; representativeId?: number | null; unitId?: number | null }[];
    seats?: { representativeId: number; role?: "juror" | "alternate"; status?: "active" | "challenged" | "replaced" }[];
  }) => {
    matterId ??= db
      .insert(matters)
      .values({ communityId: community.id, title: "楼道堆物纠纷", scope: "private", difficulty: "hard", source: "visit", reportedAt: new Date(), createdAt: new Date(), updatedAt: new Date() })
      .returning()
      .get().id;
    const h = db
      .insert(hearings)
      .values({
        matterId,
        communityId: input.communityId ?? community.id,
        title: "评理大会",
        place: "社区议事厅",
        scheduledAt: input.scheduledAt,
        status: input.status ?? "closed",
        panelSize: 3,
        alternatesCount: 1,
        quotas: [],
        speakingBudgets: {},
        chairId: mediatorUser.id,
        createdAt: new Date(),
      })
      .returning()
      .get();
    (input.parties ?? []).forEach((p, i) =>
      db
        .insert(hearingParties)
        .values({ hearingId: h.id, position: i + 1, name: p.name, maskedName: p.name.slice(0, 1) + "某", representativeId: p.representativeId ?? null, unitId: p.unitId ?? null })
        .run(),
    );
    (input.seats ?? []).forEach((s, i) =>
      db
        .insert(panelSeats)
        .values({ hearingId: h.id, representativeId: s.representativeId, role: s.role ?? "juror", position: i + 1, status: s.status ?? "active" })
        .run(),
    );
    return h;
  };

  const conflict = (values: typeof representativeConflicts.$inferInsert) => db.insert(representativeConflicts).values(values).returning().get();

  return {
    db,
    dataDir,
    clock,
    pool,
    units: { street, community, grid, building1, building2, other, otherGrid, otherBuilding },
    mediator: principal(mediatorUser, [community.id]),
    otherMediator: principal(otherMediatorUser, [other.id]),
    rep,
    hearing,
    conflict,
    close() {
      closeDatabase(db);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type PoolFixture = ReturnType<typeof poolFixture>;

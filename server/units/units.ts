import { and, asc, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { councils, hearings, unitKinds, units, type UnitKind } from "../../db/schema";
import type { AuditService } from "../auth/audit";
import { requirePermission } from "../auth/permissions";
import type { Principal } from "../auth/principal";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import { parseInput } from "../pool/schemas";

export type Unit = typeof units.$inferSelect;
export type UnitService = ReturnType<typeof createUnitService>;

/** Which kind may hang under which: street → community → grid → building (seed 004). */
const parentKind: Record<UnitKind, UnitKind | null> = { street: null, community: "street", grid: "community", building: "grid" };

const UnitName = z.string().trim().min(1).max(60);
export const CreateUnitInput = z.object({
  kind: z.enum(unitKinds),
  name: UnitName,
  parentId: z.coerce.number().int().positive().optional(),
});
const HEARINGS_DONE = ["closed", "published", "cancelled"] as const;
const COUNCILS_DONE = ["resolved", "cancelled"] as const;

/**
 * The administrative tree: street → community → grid → building (seed 004). Administrators create,
 * rename, move and retire units; every change is in the audit log. A retired unit keeps its records.
 */
export function createUnitService(db: Db, deps?: { clock: Clock; audit: AuditService }) {
  function get(id: number): Unit | undefined {
    return db.select().from(units).where(eq(units.id, id)).get();
  }
  function mustGet(id: number): Unit {
    const u = get(id);
    if (!u) throw new DomainError("unit_not_found");
    return u;
  }
  function descendants(id: number): number[] {
    return db
      .all<{ id: number }>(sql`with recursive d(id) as (select id from units where parent_id = ${id} union select u.id from units u join d on u.parent_id = d.id) select id from d`)
      .map((r) => r.id);
  }
  function checkParent(kind: UnitKind, parentId: number | undefined | null): Unit | null {
    const want = parentKind[kind];
    if (want === null) {
      if (parentId) throw new DomainError("unit_parent_kind", { kind, parentKind: "none" });
      return null;
    }
    if (!parentId) throw new DomainError("unit_parent_kind", { kind, parentKind: want });
    const parent = mustGet(parentId);
    if (parent.kind !== want) throw new DomainError("unit_parent_kind", { kind, parentKind: want });
    if (parent.retiredAt) throw new DomainError("unit_retired");
    return parent;
  }
  function siblingsNamed(name: string, parentId: number | null, exceptId?: number): boolean {
    const rows = db
      .select({ id: units.id })
      .from(units)
      .where(and(parentId === null ? isNull(units.parentId) : eq(units.parentId, parentId), eq(units.name, name), isNull(units.retiredAt)))
      .all();
    return rows.some((r) => r.id !== exceptId);
  }
  function admin(principal: Principal) {
    if (!deps) throw new Error("unit administration needs the clock and the audit log");
    return { user: requirePermission(principal, "manage:unit:any"), ...deps };
  }

  return {
    list(): Unit[] {
      return db.select().from(units).orderBy(asc(units.id)).all();
    },
    byKind(kind: UnitKind): Unit[] {
      return db.select().from(units).where(eq(units.kind, kind)).orderBy(asc(units.id)).all();
    },
    get,
    descendants,
    /** The community a unit belongs to (itself if it is one), walking up the tree. */
    communityOf(id: number): Unit | undefined {
      let unit = get(id);
      while (unit && unit.kind !== "community") unit = unit.parentId ? get(unit.parentId) : undefined;
      return unit;
    },

    create(principal: Principal, input: unknown): Unit {
      const { user, clock, audit } = admin(principal);
      const data = parseInput(CreateUnitInput, input);
      return db.transaction((tx) => {
        const t = tx as unknown as Db;
        const parent = checkParent(data.kind, data.parentId);
        if (siblingsNamed(data.name, parent?.id ?? null)) throw new DomainError("unit_name_taken", { name: data.name });
        const unit = t.insert(units).values({ kind: data.kind, name: data.name, parentId: parent?.id ?? null, createdAt: clock.now() }).returning().get();
        audit.record(t, user, "unit.create", { kind: "unit", id: unit.id }, { kind: unit.kind, name: unit.name, parentId: unit.parentId });
        return unit;
      });
    },

    rename(principal: Principal, id: number, name: string): Unit {
      const { user, audit } = admin(principal);
      const newName = parseInput(UnitName, name);
      return db.transaction((tx) => {
        const t = tx as unknown as Db;
        const unit = mustGet(id);
        if (siblingsNamed(newName, unit.parentId, unit.id)) throw new DomainError("unit_name_taken", { name: newName });
        t.update(units).set({ name: newName }).where(eq(units.id, id)).run();
        audit.record(t, user, "unit.rename", { kind: "unit", id }, { from: unit.name, to: newName });
        return { ...unit, name: newName };
      });
    },

    /** Moves a unit under another parent of the right kind; never under itself or its own descendant. */
    move(principal: Principal, id: number, parentId: number): Unit {
      const { user, audit } = admin(principal);
      return db.transaction((tx) => {
        const t = tx as unknown as Db;
        const unit = mustGet(id);
        if (parentId === id || descendants(id).includes(parentId)) throw new DomainError("unit_move_cycle");
        const parent = checkParent(unit.kind, parentId);
        if (siblingsNamed(unit.name, parent?.id ?? null, unit.id)) throw new DomainError("unit_name_taken", { name: unit.name });
        t.update(units).set({ parentId }).where(eq(units.id, id)).run();
        audit.record(t, user, "unit.move", { kind: "unit", id }, { from: unit.parentId, to: parentId });
        return { ...unit, parentId };
      });
    },

    /**
     * Retires a unit and everything under it. Refused while a hearing or council of a community in it
     * is under way (not yet closed, published, resolved or cancelled): those must finish first.
     */
    retire(principal: Principal, id: number): void {
      const { user, clock, audit } = admin(principal);
      db.transaction((tx) => {
        const t = tx as unknown as Db;
        const unit = mustGet(id);
        if (unit.retiredAt) throw new DomainError("unit_retired");
        const all = [id, ...descendants(id)];
        const liveHearings = t
          .select({ id: hearings.id })
          .from(hearings)
          .where(and(inArray(hearings.communityId, all), notInArray(hearings.status, [...HEARINGS_DONE])))
          .all();
        const liveCouncils = t
          .select({ id: councils.id })
          .from(councils)
          .where(and(inArray(councils.communityId, all), notInArray(councils.status, [...COUNCILS_DONE])))
          .all();
        if (liveHearings.length || liveCouncils.length) {
          throw new DomainError("unit_has_live_meetings", { hearings: liveHearings.length, councils: liveCouncils.length });
        }
        const now = clock.now();
        t.update(units).set({ retiredAt: now }).where(and(inArray(units.id, all), isNull(units.retiredAt))).run();
        audit.record(t, user, "unit.retire", { kind: "unit", id }, { name: unit.name, units: all.length });
      });
    },

    restore(principal: Principal, id: number): void {
      const { user, audit } = admin(principal);
      db.transaction((tx) => {
        const t = tx as unknown as Db;
        const unit = mustGet(id);
        if (!unit.retiredAt) return;
        if (unit.parentId && get(unit.parentId)?.retiredAt) throw new DomainError("unit_retired");
        t.update(units).set({ retiredAt: null }).where(eq(units.id, id)).run();
        audit.record(t, user, "unit.restore", { kind: "unit", id }, { name: unit.name });
      });
    },
  };
}

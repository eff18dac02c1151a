import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { units, type UnitKind } from "../../db/schema";

export type Unit = typeof units.$inferSelect;
export type UnitService = ReturnType<typeof createUnitService>;

/** The administrative tree: street → community → grid → building (seed 004). */
export function createUnitService(db: Db) {
  return {
    list(): Unit[] {
      return db.select().from(units).orderBy(asc(units.id)).all();
    },
    byKind(kind: UnitKind): Unit[] {
      return db.select().from(units).where(eq(units.kind, kind)).orderBy(asc(units.id)).all();
    },
    get(id: number): Unit | undefined {
      return db.select().from(units).where(eq(units.id, id)).get();
    },
    /** The community a unit belongs to (itself if it is one), walking up the tree. */
    communityOf(id: number): Unit | undefined {
      let unit = this.get(id);
      while (unit && unit.kind !== "community") unit = unit.parentId ? this.get(unit.parentId) : undefined;
      return unit;
    },
  };
}

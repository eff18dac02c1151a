import { asc } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { units } from "../../db/schema";
import type { Unit } from "./access";

/** A unit a representative can live in: the community itself, one of its grids, or a building. */
export type PoolUnit = { id: number; kind: Unit["kind"]; name: string; /** "第一网格/1号楼" below the community. */ path: string; gridId: number | null };

/**
 * The community and every unit below it, each with its path relative to the community. The path is what
 * the CSV's `unit` column holds, because building names (1号楼) repeat from one grid to the next.
 */
export function communityUnits(db: Db, communityId: number): PoolUnit[] {
  const all = db.select().from(units).orderBy(asc(units.id)).all();
  const community = all.find((u) => u.id === communityId && u.kind === "community");
  if (!community) return [];
  const out: PoolUnit[] = [{ id: community.id, kind: community.kind, name: community.name, path: community.name, gridId: null }];
  const walk = (parent: PoolUnit, prefix: string, gridId: number | null) => {
    for (const child of all.filter((u) => u.parentId === parent.id)) {
      const path = prefix ? `${prefix}/${child.name}` : child.name;
      const grid = child.kind === "grid" ? child.id : gridId;
      const entry: PoolUnit = { id: child.id, kind: child.kind, name: child.name, path, gridId: grid };
      out.push(entry);
      walk(entry, path, grid);
    }
  };
  walk(out[0], "", null);
  return out;
}

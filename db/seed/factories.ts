import type { Db } from "../connection";
import { insertGrant } from "../../server/auth/roles";
import {
  representatives,
  users,
  units,
  type RepresentativeCategory,
  type RoleName,
  type UnitKind,
} from "../schema";

/**
 * Small builders shared by the demo seed and the tests, so both create data the same way.
 * Each takes the db and plain values and returns the inserted row.
 */
export function createUnit(db: Db, input: { kind: UnitKind; name: string; parentId?: number | null }) {
  return db
    .insert(units)
    .values({ kind: input.kind, name: input.name, parentId: input.parentId ?? null, createdAt: new Date() })
    .returning()
    .get();
}

export function createUser(
  db: Db,
  input: {
    username: string;
    displayName: string;
    passwordHash: string;
    /** Every role in every unit listed (the shape the demo needs); `grants` gives roles per unit. */
    roles: RoleName[];
    unitIds?: number[];
    grants?: { role: RoleName; unitId: number }[];
    phone?: string;
    isDemo?: boolean;
  },
) {
  return db.transaction((tx) => {
    const user = tx
      .insert(users)
      .values({
        username: input.username.toLowerCase(),
        displayName: input.displayName,
        passwordHash: input.passwordHash,
        phone: input.phone ?? null,
        isDemo: input.isDemo ?? false,
        createdAt: new Date(),
      })
      .returning()
      .get();
    const t = tx as unknown as Db;
    for (const role of input.roles) for (const unitId of input.unitIds ?? []) insertGrant(t, { userId: user.id, role, unitId });
    for (const g of input.grants ?? []) insertGrant(t, { userId: user.id, ...g });
    return user;
  });
}

export function createRepresentative(
  db: Db,
  input: {
    name: string;
    unitId: number;
    communityId: number;
    category: RepresentativeCategory;
    nomination?: "self" | "organisation";
    features?: Record<string, string>;
    userId?: number | null;
    phone?: string | null;
  },
) {
  return db
    .insert(representatives)
    .values({
      name: input.name,
      unitId: input.unitId,
      communityId: input.communityId,
      category: input.category,
      nomination: input.nomination ?? "organisation",
      features: input.features ?? {},
      userId: input.userId ?? null,
      phone: input.phone ?? null,
      createdAt: new Date(),
    })
    .returning()
    .get();
}

import type { RoleName } from "../../db/schema";
import { DomainError } from "../errors";
import type { Principal, SessionUser } from "./principal";

/**
 * Permissions as data, in the Epic Stack's `action:entity:access` form. `own` means "in a unit the
 * user acts for" (a mediator's communities); `any` means everywhere. The UI asks the same `can()`
 * to decide what to show, so what is shown and what is allowed cannot drift apart.
 */
export type Permission = `${string}:${string}:${"own" | "any"}`;

export const rolePermissions: Record<RoleName, readonly Permission[]> = {
  admin: ["manage:user:any", "manage:unit:any", "read:ledger:any", "manage:settings:any"],
  mediator: [
    "manage:pool:own",
    "manage:matter:own",
    "manage:hearing:own",
    "manage:council:own",
    "chair:session:own",
    "publish:outcome:own",
    "read:ledger:own",
    "moderate:comment:own",
  ],
  representative: ["vote:ballot:own", "attend:session:own"],
  supervisor: ["post:progress:own", "read:ledger:own"],
};

export function userCan(user: SessionUser, permission: string, unitId?: number): boolean {
  const [action, entity] = permission.split(":");
  for (const role of user.roles) {
    for (const p of rolePermissions[role]) {
      const [a, e, access] = p.split(":");
      if (a !== action || e !== entity) continue;
      if (access === "any") return true;
      if (unitId === undefined || user.unitIds.includes(unitId)) return true;
    }
  }
  return false;
}

export function can(principal: Principal, permission: string, unitId?: number): boolean {
  return principal.kind === "user" && userCan(principal.user, permission, unitId);
}

/** Guard for services: throws `unauthenticated` or `forbidden` (the UI translates both). */
export function requirePermission(principal: Principal, permission: string, unitId?: number): SessionUser {
  if (principal.kind !== "user") throw new DomainError("unauthenticated");
  if (!userCan(principal.user, permission, unitId)) throw new DomainError("forbidden", { permission });
  return principal.user;
}

import type { RoleName } from "../../db/schema";
import { DomainError } from "../errors";
import type { Grant, Principal, SessionUser } from "./principal";

/**
 * Permissions as data, in the Epic Stack's `action:entity:access` form. A role is held in a unit
 * (issue 13): `own` means "in a unit covered by a grant of a role that has this permission" — a
 * mediator of 和平社区 who is also a representative of 光明社区 manages 和平社区's pool only.
 * `any` means everywhere. The UI asks the same `can()` to decide what to show, so what is shown and
 * what is allowed cannot drift apart. docs/permissions.md is generated from this table
 * (`npx tsx scripts/permissions-doc.ts`); a test fails when it is stale.
 */
export type Permission = `${string}:${string}:${"own" | "any"}`;

export const rolePermissions: Record<RoleName, readonly Permission[]> = {
  admin: ["manage:user:any", "manage:unit:any", "read:ledger:any", "manage:settings:any", "read:audit:any"],
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

/** What each permission lets a person do, for docs/permissions.md and the admin's role picker. */
export const permissionDescriptions: Record<string, { zh: string; en: string }> = {
  "manage:user": { zh: "创建、修改、停用账号，授予角色，签发设置密码链接", en: "create, edit and disable accounts, grant roles, issue set-password links" },
  "manage:unit": { zh: "新建、改名、移动、撤销街道、社区、网格和楼栋", en: "create, rename, move and retire streets, communities, grids and buildings" },
  "read:ledger": { zh: "查看台账与会议记录", en: "read the ledger and meeting records" },
  "manage:settings": { zh: "修改系统设置", en: "change settings" },
  "read:audit": { zh: "查看并导出管理操作日志", en: "read and export the administration audit log" },
  "manage:pool": { zh: "维护议事代表库（姓名、电话），签发代表登录凭条", en: "keep the representative pool (names, phone numbers), issue representatives' activation slips" },
  "manage:matter": { zh: "登记与管理事项台账", en: "record and manage matters" },
  "manage:hearing": { zh: "召集评理大会、抽取评理团", en: "convene hearings and draw panels" },
  "manage:council": { zh: "召集民事民议议事会", en: "convene councils" },
  "chair:session": { zh: "主持会议：推进环节、开启和结束投票", en: "chair a meeting: advance phases, open and close ballots" },
  "publish:outcome": { zh: "撰写并公示评理结果与协商决议", en: "write and publish rulings and resolutions" },
  "vote:ballot": { zh: "在所属社区的会议中投票", en: "vote in meetings of the community" },
  "attend:session": { zh: "签到参加会议", en: "check in to meetings" },
  "post:progress": { zh: "发布决议落实进展", en: "post implementation progress on resolutions" },
  "moderate:comment": { zh: "审核公示留言（通过、隐藏、公开答复）", en: "moderate public comments (approve, hide, answer)" },
};

/** The grants of a user; a hand-built principal without them means every role in every listed unit. */
export function grantsOf(user: SessionUser): Grant[] {
  if (user.grants) return user.grants;
  return user.roles.flatMap((role) => user.unitIds.map((unitId) => ({ role, unitId, covers: [unitId] })));
}

function matches(p: Permission, action: string, entity: string): "own" | "any" | null {
  const [a, e, access] = p.split(":");
  return a === action && e === entity ? (access as "own" | "any") : null;
}

/**
 * May the user do `permission` in `unitId`? Only the roles held in (or above) that unit count.
 * Without a unit: does the user hold the permission anywhere (e.g. to show a menu item)?
 */
export function userCan(user: SessionUser, permission: string, unitId?: number): boolean {
  const [action, entity] = permission.split(":");
  for (const grant of grantsOf(user)) {
    for (const p of rolePermissions[grant.role]) {
      const access = matches(p, action, entity);
      if (!access) continue;
      if (access === "any" || unitId === undefined || grant.covers.includes(unitId)) return true;
    }
  }
  return false;
}

/**
 * The units in which the user holds `permission` through some role, for lists ("my communities' hearings").
 * Includes every unit a grant covers; callers that need communities filter by kind.
 */
export function unitsWhere(user: SessionUser, permission: string): number[] {
  const [action, entity] = permission.split(":");
  const out = new Set<number>();
  for (const grant of grantsOf(user)) {
    if (rolePermissions[grant.role].some((p) => matches(p, action, entity))) for (const id of grant.covers) out.add(id);
  }
  return [...out].sort((a, b) => a - b);
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

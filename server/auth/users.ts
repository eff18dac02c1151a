import { and, asc, count, eq, inArray, isNull, like, or } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { roleGrants, roleNames, units, users, type RoleName } from "../../db/schema";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import type { LiveHub } from "../live/hub";
import { parseInput } from "../pool/schemas";
import type { AuditService } from "./audit";
import { NO_PASSWORD, type PasswordLinkService } from "./password-links";
import { requirePermission } from "./permissions";
import type { Principal, SessionUser } from "./principal";
import { deleteGrant, insertGrant } from "./roles";
import type { SessionService } from "./sessions";
import type { LoginThrottle } from "./throttle";

export type UserRow = typeof users.$inferSelect;
export type UserSummary = Pick<UserRow, "id" | "username" | "displayName" | "phone" | "createdAt" | "disabledAt" | "isDemo"> & {
  grants: { role: RoleName; unitId: number; unitName: string }[];
  hasPassword: boolean;
};
export type UserAdminService = ReturnType<typeof createUserAdminService>;

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, "username_format");
export const CreateUserInput = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(40),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, "phone_format")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export const UpdateUserInput = CreateUserInput.omit({ username: true });
export const GrantInput = z.object({ role: z.enum(roleNames), unitId: z.coerce.number().int().positive() });

/**
 * Street-office administration of accounts (issue 13): list, search, create, edit, disable, enable,
 * set-password links, unlock, and roles held in units. Every change is written to the audit log in
 * the same transaction. No administrator ever sees or chooses another person's password.
 */
export function createUserAdminService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  sessions: SessionService;
  passwordLinks: PasswordLinkService;
  throttle: LoginThrottle;
  live: LiveHub;
}) {
  const { db, clock, audit, passwordLinks, throttle, live } = deps;
  const admin = (p: Principal) => requirePermission(p, "manage:user:any");
  const tx = <T>(fn: (t: Db) => T): T => db.transaction((t) => fn(t as unknown as Db));

  function mustGet(id: number): UserRow {
    const u = db.select().from(users).where(eq(users.id, id)).get();
    if (!u) throw new DomainError("user_not_found");
    return u;
  }

  /** Enabled accounts holding the admin role somewhere, other than `exceptUserId`. */
  function otherActiveAdmins(t: Db, exceptUserId: number, exceptGrant?: { unitId: number }): number {
    const rows = t
      .select({ userId: roleGrants.userId, unitId: roleGrants.unitId })
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .where(and(eq(roleGrants.role, "admin"), isNull(users.disabledAt)))
      .all();
    return rows.filter((r) => r.userId !== exceptUserId || (exceptGrant && r.unitId !== exceptGrant.unitId)).length;
  }

  function endAll(userId: number) {
    const ids = deps.sessions.invalidateAllForUser(userId);
    for (const id of ids) live.endSession(id, "revoked");
    live.endUser(userId);
  }

  function summaries(rows: UserRow[]): UserSummary[] {
    if (rows.length === 0) return [];
    const grants = db
      .select({ userId: roleGrants.userId, role: roleGrants.role, unitId: roleGrants.unitId, unitName: units.name })
      .from(roleGrants)
      .innerJoin(units, eq(units.id, roleGrants.unitId))
      .where(inArray(roleGrants.userId, rows.map((r) => r.id)))
      .orderBy(asc(roleGrants.id))
      .all();
    return rows.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      phone: u.phone,
      createdAt: u.createdAt,
      disabledAt: u.disabledAt,
      isDemo: u.isDemo,
      hasPassword: u.passwordHash !== NO_PASSWORD,
      grants: grants.filter((g) => g.userId === u.id).map(({ role, unitId, unitName }) => ({ role, unitId, unitName })),
    }));
  }

  return {
    list(principal: Principal, opts: { q?: string; limit?: number; offset?: number } = {}): { users: UserSummary[]; total: number } {
      admin(principal);
      const q = opts.q?.trim();
      const where = q ? or(like(users.username, `%${q}%`), like(users.displayName, `%${q}%`), like(users.phone, `%${q}%`)) : undefined;
      const rows = db
        .select()
        .from(users)
        .where(where)
        .orderBy(asc(users.id))
        .limit(opts.limit ?? 50)
        .offset(opts.offset ?? 0)
        .all();
      const total = db.select({ n: count() }).from(users).where(where).get()?.n ?? 0;
      return { users: summaries(rows), total };
    },

    get(principal: Principal, id: number): UserSummary & { failedSignIns: number } {
      admin(principal);
      const u = mustGet(id);
      return { ...summaries([u])[0], failedSignIns: throttle.failures(u.username) };
    },

    /** Creates an account without a password and returns its one-time set-password link. */
    create(principal: Principal, input: unknown): { user: UserRow; link: { token: string; expiresAt: Date } } {
      const actor = admin(principal);
      const data = parseInput(CreateUserInput, input);
      return tx((t) => {
        if (t.select({ id: users.id }).from(users).where(eq(users.username, data.username)).get()) {
          throw new DomainError("username_taken", { username: data.username });
        }
        const user = t
          .insert(users)
          .values({ username: data.username, displayName: data.displayName, phone: data.phone ?? null, passwordHash: NO_PASSWORD, createdAt: clock.now() })
          .returning()
          .get();
        const link = passwordLinks.issue(t, { userId: user.id, purpose: "setup", createdBy: actor.id });
        audit.record(t, actor, "user.create", { kind: "user", id: user.id }, { username: user.username, displayName: user.displayName });
        return { user, link };
      });
    },

    update(principal: Principal, id: number, input: unknown): void {
      const actor = admin(principal);
      const data = parseInput(UpdateUserInput, input);
      tx((t) => {
        const u = mustGet(id);
        t.update(users).set({ displayName: data.displayName, phone: data.phone ?? null }).where(eq(users.id, id)).run();
        audit.record(t, actor, "user.update", { kind: "user", id }, { displayName: data.displayName, previousDisplayName: u.displayName, phoneChanged: (data.phone ?? null) !== u.phone });
      });
    },

    /** Disables an account: its sessions end and its sockets disconnect. Never the last administrator. */
    disable(principal: Principal, id: number): void {
      const actor = admin(principal);
      tx((t) => {
        const u = mustGet(id);
        if (u.disabledAt) return;
        const isAdmin = !!t.select().from(roleGrants).where(and(eq(roleGrants.userId, id), eq(roleGrants.role, "admin"))).get();
        if (isAdmin && otherActiveAdmins(t, id) === 0) throw new DomainError("last_admin");
        t.update(users).set({ disabledAt: clock.now() }).where(eq(users.id, id)).run();
        audit.record(t, actor, "user.disable", { kind: "user", id }, { username: u.username });
      });
      endAll(id);
    },

    enable(principal: Principal, id: number): void {
      const actor = admin(principal);
      tx((t) => {
        const u = mustGet(id);
        if (!u.disabledAt) return;
        t.update(users).set({ disabledAt: null }).where(eq(users.id, id)).run();
        audit.record(t, actor, "user.enable", { kind: "user", id }, { username: u.username });
      });
    },

    /** A one-time link to set a new password; the old password stops working at once, sessions end. */
    resetPassword(principal: Principal, id: number): { token: string; expiresAt: Date } {
      const actor = admin(principal);
      const link = tx((t) => {
        const u = mustGet(id);
        if (u.disabledAt) throw new DomainError("user_disabled");
        t.update(users).set({ passwordHash: NO_PASSWORD }).where(eq(users.id, id)).run();
        const link = passwordLinks.issue(t, { userId: id, purpose: "reset", createdBy: actor.id });
        audit.record(t, actor, "user.reset_password", { kind: "user", id }, { username: u.username });
        return link;
      });
      endAll(id);
      return link;
    },

    unlock(principal: Principal, id: number): void {
      const actor = admin(principal);
      const u = mustGet(id);
      throttle.unlock(u.username);
      tx((t) => audit.record(t, actor, "user.unlock", { kind: "user", id }, { username: u.username }));
    },

    grant(principal: Principal, id: number, input: unknown): void {
      const actor = admin(principal);
      const g = parseInput(GrantInput, input);
      tx((t) => {
        const u = mustGet(id);
        const unit = t.select().from(units).where(eq(units.id, g.unitId)).get();
        if (!unit) throw new DomainError("unit_not_found");
        if (unit.retiredAt) throw new DomainError("unit_retired");
        // Which unit a role makes sense in: admins of a street; the others of a community.
        const want = g.role === "admin" ? "street" : "community";
        if (unit.kind !== want) throw new DomainError("grant_unit_kind", { role: g.role, kind: want });
        insertGrant(t, { userId: id, role: g.role, unitId: g.unitId, grantedBy: actor.id, at: clock.now() });
        audit.record(t, actor, "role.grant", { kind: "user", id }, { username: u.username, role: g.role, unitId: unit.id, unit: unit.name });
      });
      // Open sockets carry the principal they connected with: end them so they reconnect with the new roles.
      live.endUser(id);
    },

    revoke(principal: Principal, id: number, input: unknown): void {
      const actor = admin(principal);
      const g = parseInput(GrantInput, input);
      tx((t) => {
        const u = mustGet(id);
        if (g.role === "admin" && otherActiveAdmins(t, id, { unitId: g.unitId }) === 0) throw new DomainError("last_admin");
        if (!deleteGrant(t, { userId: id, role: g.role, unitId: g.unitId })) throw new DomainError("grant_not_found");
        audit.record(t, actor, "role.revoke", { kind: "user", id }, { username: u.username, role: g.role, unitId: g.unitId });
      });
      live.endUser(id);
    },
  };
}

export type { SessionUser };

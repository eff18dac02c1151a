import { count, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { roleGrants, units, users } from "../../db/schema";
import type { Clock } from "../clock";
import type { Env } from "../env";
import { DomainError } from "../errors";
import { parseInput } from "../pool/schemas";
import { NewPassword } from "./accounts";
import type { AuditService } from "./audit";
import { hashPassword } from "./password";
import { insertGrant } from "./roles";
import type { SessionService } from "./sessions";
import { newToken, secretMatches, splitToken } from "./tokens";
import { Username } from "./users";

export const SetupInput = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(40),
  password: NewPassword,
  streetName: z.string().trim().min(1).max(60),
});

export type SetupService = ReturnType<typeof createSetupService>;

/**
 * First-run setup (issue 13, decision 010): a database with no administrator gets a one-time setup
 * URL, printed in the server log at start (as Gitea and Grafana do). Whoever can read the log — the
 * person who installed the server — creates the street and the first administrator there. The token
 * lives in memory only: a restart prints a new one; once setup is done it is gone for good.
 */
export function createSetupService(deps: { db: Db; clock: Clock; audit: AuditService; sessions: SessionService; env: Env }) {
  const { db, clock, audit, sessions } = deps;
  let pending: { id: string; secretHash: string } | null = null;

  function needsSetup(): boolean {
    return (db.select({ n: count() }).from(roleGrants).where(eq(roleGrants.role, "admin")).get()?.n ?? 0) === 0;
  }
  function check(token: string) {
    const parts = splitToken(token);
    if (!pending || !needsSetup()) throw new DomainError("setup_done");
    if (!parts || parts.id !== pending.id || !secretMatches(parts.secret, pending.secretHash)) throw new DomainError("setup_invalid");
  }

  return {
    needsSetup,
    /** A fresh one-time setup path if the database has no administrator, else null. */
    openIfNeeded(): string | null {
      if (!needsSetup()) return null;
      const t = newToken();
      pending = { id: t.id, secretHash: t.secretHash };
      return `/setup/${t.token}`;
    },
    check,
    async complete(token: string, input: unknown, userAgent?: string | null): Promise<{ sessionToken: string; userId: number }> {
      check(token);
      const data = parseInput(SetupInput, input);
      const hash = await hashPassword(data.password);
      return db.transaction((tx) => {
        const t = tx as unknown as Db;
        check(token);
        if (t.select({ id: users.id }).from(users).where(eq(users.username, data.username)).get()) throw new DomainError("username_taken", { username: data.username });
        const now = clock.now();
        const street = t.insert(units).values({ kind: "street", name: data.streetName, parentId: null, createdAt: now }).returning().get();
        const user = t.insert(users).values({ username: data.username, displayName: data.displayName, passwordHash: hash, createdAt: now }).returning().get();
        insertGrant(t, { userId: user.id, role: "admin", unitId: street.id, at: now });
        const actor = { id: user.id, displayName: user.displayName, username: user.username };
        audit.record(t, actor, "setup.complete", { kind: "user", id: user.id }, { street: street.name });
        pending = null;
        return { sessionToken: sessions.createForUser(user.id, { userAgent }), userId: user.id };
      });
    },
  };
}

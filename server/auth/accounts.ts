import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { knownDevices, users } from "../../db/schema";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import { parseInput } from "../pool/schemas";
import { hashPassword, verifyPassword } from "./password";
import type { SessionUser } from "./principal";
import type { SessionService } from "./sessions";
import type { LoginThrottle } from "./throttle";
import { hashSecret, randomId } from "./tokens";

export type AccountService = ReturnType<typeof createAccountService>;

// A real hash of a random password: verifying against it when the user does not exist keeps
// the response time of "no such user" and "wrong password" alike.
const dummyHash = hashPassword(crypto.randomUUID());

/** A new password: long enough to resist guessing, short enough to type on a phone. */
export const NewPassword = z.string().min(10, "too_short").max(256);

/**
 * Signing in with a password, and a user's own password. Delays instead of lockouts come from the
 * login throttle (server/auth/throttle.ts); a device that signed in before is never delayed.
 */
export function createAccountService(db: Db, sessionService: SessionService, deps: { clock: Clock; throttle: LoginThrottle }) {
  const { clock, throttle } = deps;

  function isKnownDevice(userId: number | undefined, deviceId: string | undefined): boolean {
    if (!userId || !deviceId) return false;
    return !!db
      .select({ u: knownDevices.userId })
      .from(knownDevices)
      .where(and(eq(knownDevices.userId, userId), eq(knownDevices.deviceHash, hashSecret(deviceId))))
      .get();
  }

  /** Remembers this browser as one the user signs in from; returns the device id for the cookie. */
  function rememberDevice(userId: number, deviceId: string | undefined): string {
    const id = deviceId && /^[a-z2-7]{24}$/.test(deviceId) ? deviceId : randomId();
    db.insert(knownDevices)
      .values({ userId, deviceHash: hashSecret(id), lastUsedAt: clock.now() })
      .onConflictDoUpdate({ target: [knownDevices.userId, knownDevices.deviceHash], set: { lastUsedAt: clock.now() } })
      .run();
    return id;
  }

  return {
    rememberDevice,

    /** Checks a username and password; returns a new session token or throws a DomainError. */
    async login(input: { username: string; password: string; address: string; deviceId?: string; userAgent?: string | null }) {
      const username = input.username.trim().toLowerCase();
      const user = db.select().from(users).where(eq(users.username, username)).get();
      const wait = throttle.wait(username, input.address, isKnownDevice(user?.id, input.deviceId));
      if (wait > 0) throw new DomainError("login_rate_limited", { retryAfterSeconds: Math.ceil(wait / 1000) });
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
      if (!user || !ok) {
        throttle.fail(username, input.address);
        throw new DomainError("login_invalid");
      }
      if (user.disabledAt) throw new DomainError("login_disabled");
      throttle.succeed(username, input.address);
      const deviceId = rememberDevice(user.id, input.deviceId);
      const token = sessionService.createForUser(user.id, { userAgent: input.userAgent });
      return { token, userId: user.id, deviceId, mustChangePassword: user.mustChangePassword };
    },

    /**
     * A user changes their own password: the current one is checked (a borrowed, unlocked phone is not
     * enough), and every other session of theirs ends. Returns the ended session ids.
     */
    async changePassword(user: SessionUser, sessionId: string, input: { current: string; next: string }): Promise<string[]> {
      const next = parseInput(NewPassword, input.next);
      const row = db.select().from(users).where(eq(users.id, user.id)).get();
      if (!row) throw new DomainError("unauthenticated");
      if (!(await verifyPassword(row.passwordHash, input.current))) throw new DomainError("password_current_wrong");
      if (input.current === next) throw new DomainError("password_unchanged");
      const hash = await hashPassword(next);
      return db.transaction(() => {
        db.update(users).set({ passwordHash: hash, mustChangePassword: false, isDemo: false }).where(eq(users.id, user.id)).run();
        return sessionService.invalidateAllForUser(user.id, sessionId);
      });
    },

    /** Usernames taken, for a clear "already exists" before insert (the unique index is the real guard). */
    usernameTaken(username: string, exceptId?: number): boolean {
      const u = username.trim().toLowerCase();
      return !!db
        .select({ id: users.id })
        .from(users)
        .where(exceptId ? and(eq(users.username, u), ne(users.id, exceptId)) : eq(users.username, u))
        .get();
    },
  };
}

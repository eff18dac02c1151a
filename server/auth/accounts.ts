import { eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { users } from "../../db/schema";
import { DomainError } from "../errors";
import { hashPassword, verifyPassword } from "./password";
import { createRateLimiter } from "./rate-limit";
import type { SessionService } from "./sessions";

export type AccountService = ReturnType<typeof createAccountService>;

// A real hash of a random password: verifying against it when the user does not exist keeps
// the response time of "no such user" and "wrong password" alike.
const dummyHash = hashPassword(crypto.randomUUID());

export function createAccountService(db: Db, sessionService: SessionService) {
  // 10 attempts per 15 minutes per username; 30 failed attempts per client address (only failures:
  // a hall full of phones behind one Wi-Fi address logs in many times in a few minutes).
  const perUser = createRateLimiter({ limit: 10, windowMs: 15 * 60 * 1000 });
  const perAddress = createRateLimiter({ limit: 30, windowMs: 15 * 60 * 1000 });

  return {
    /** Checks a username and password; returns a new session token or throws a DomainError. */
    async login(input: { username: string; password: string; address: string }): Promise<{ token: string; userId: number }> {
      const username = input.username.trim().toLowerCase();
      const wait = Math.max(perUser.hit(username), perAddress.blocked(input.address));
      if (wait > 0) throw new DomainError("login_rate_limited", { retryAfterSeconds: Math.ceil(wait / 1000) });
      const user = db.select().from(users).where(eq(users.username, username)).get();
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
      if (!user || !ok) {
        perAddress.hit(input.address);
        throw new DomainError("login_invalid");
      }
      if (user.disabledAt) throw new DomainError("login_disabled");
      perUser.reset(username);
      return { token: sessionService.createForUser(user.id), userId: user.id };
    },
  };
}

import { count, eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { users } from "../../db/schema";

/** Accounts that still carry the public demo password (a password change or reset clears the mark). */
export function demoAccountCount(db: Db): number {
  return db.select({ n: count() }).from(users).where(eq(users.isDemo, true)).get()?.n ?? 0;
}

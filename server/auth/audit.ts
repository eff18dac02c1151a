import { count, desc } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { auditLog } from "../../db/schema";
import type { Clock } from "../clock";
import type { SessionUser } from "./principal";

export type AuditEntry = typeof auditLog.$inferSelect;
export type AuditDetail = Record<string, string | number | boolean | null>;
export type AuditActor = Pick<SessionUser, "id" | "displayName" | "username"> | { id: null; displayName: string; username: string };
export type AuditService = ReturnType<typeof createAuditService>;

/**
 * The administration audit log: who created, changed, disabled or granted what, when. Written in the
 * same transaction as the change it records (callers pass their transaction's db), so neither exists
 * without the other. Meetings are recorded in their hash-chained ledger instead.
 */
export function createAuditService(db: Db, clock: Clock) {
  return {
    record(tx: Db, actor: AuditActor, action: string, target: { kind: string; id?: string | number | null }, detail: AuditDetail = {}): void {
      tx.insert(auditLog)
        .values({
          at: clock.now(),
          actorId: actor.id,
          actorName: `${actor.displayName} (${actor.username})`,
          action,
          targetKind: target.kind,
          targetId: target.id == null ? null : String(target.id),
          detail,
        })
        .run();
    },

    list(opts: { limit?: number; offset?: number } = {}): { entries: AuditEntry[]; total: number } {
      const entries = db
        .select()
        .from(auditLog)
        .orderBy(desc(auditLog.id))
        .limit(opts.limit ?? 100)
        .offset(opts.offset ?? 0)
        .all();
      const total = db.select({ n: count() }).from(auditLog).get()?.n ?? 0;
      return { entries, total };
    },

    /** Every entry, oldest first, as CSV (RFC 4180, UTF-8 with BOM so spreadsheet programs read the Chinese). */
    csv(): string {
      const rows = db.select().from(auditLog).orderBy(auditLog.id).all();
      const cell = (v: string) => {
        // A leading = + - @ would be read as a formula by spreadsheet programs (CSV injection).
        const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
        return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
      };
      const lines = [["id", "at", "actor", "action", "target_kind", "target_id", "detail"].join(",")];
      for (const r of rows) {
        lines.push([String(r.id), r.at.toISOString(), r.actorName, r.action, r.targetKind, r.targetId ?? "", JSON.stringify(r.detail)].map(cell).join(","));
      }
      return "\uFEFF" + lines.join("\r\n") + "\r\n";
    },
  };
}

import { z } from "zod";
import { DomainError } from "../errors";

/**
 * How early before the announced time a hearing or council may begin without a reason. People
 * arrive early and a hall is often ready a little before the hour; a quarter of an hour lets the
 * chair open check-in then, not a day early (issue 14: a meeting announced for 12-10 was held on 12-02).
 */
export const START_GRACE_MINUTES = 15;

/** A chair's reason to begin earlier than the notice said; shown publicly with the record. */
export const EarlyStartReason = z.string().trim().min(4).max(500);

/**
 * The notice rule for starting a meeting (hearing or council), a pure function of the times:
 * - on time or later, or inside the grace period: allowed, no reason needed (any reason given is dropped);
 * - earlier: refused with `start_before_notice` unless the chair gives a reason, which is returned to record.
 */
export function earlyStartReasonFor(scheduledAt: Date, now: Date, reason: string | undefined | null): string | null {
  const earlyMs = scheduledAt.getTime() - now.getTime();
  if (earlyMs <= START_GRACE_MINUTES * 60_000) return null;
  const parsed = EarlyStartReason.safeParse(reason ?? "");
  if (!parsed.success)
    throw new DomainError(reason ? "early_start_reason_too_short" : "start_before_notice", {
      scheduledAt: scheduledAt.toISOString(),
      graceMinutes: START_GRACE_MINUTES,
      field: "reason",
    });
  return parsed.data;
}

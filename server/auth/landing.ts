import type { CouncilService } from "../councils/councils";
import type { HearingService } from "../hearings/hearings";

const HOUR = 3_600_000;

/**
 * Where a person lands after logging in without a page in mind (issue 14, item 7): a juror or a
 * representative whose meeting is live — or starts within the next few hours — goes straight to it
 * on their phone, anyone else with meetings to their list (/me), everyone else to the home page.
 */
export function landingFor(deps: { hearings: Pick<HearingService, "lifecycle">; councils: Pick<CouncilService, "lifecycle"> }, userId: number, now: Date): string {
  const soon = (at: Date) => at.getTime() - now.getTime() <= 3 * HOUR;
  const seats = deps.hearings.lifecycle.listForJuror(userId).filter((s) => s.status === "active" && s.role === "juror");
  const liveHearing = seats.find((s) => s.hearing.status === "live") ?? seats.find((s) => s.hearing.status === "drawing" && soon(s.hearing.scheduledAt));
  if (liveHearing) return `/hearings/${liveHearing.hearing.id}/juror`;
  const councils = deps.councils.lifecycle.listForParticipant(userId);
  const liveCouncil = councils.find((c) => c.status === "live") ?? councils.find((c) => c.status === "announced" && soon(c.scheduledAt));
  if (liveCouncil) return `/councils/${liveCouncil.id}/live`;
  const upcoming = seats.some((s) => ["announced", "drawing"].includes(s.hearing.status)) || councils.some((c) => c.status === "announced");
  return upcoming ? "/me" : "/";
}

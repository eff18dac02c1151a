import { and, asc, eq, gt, inArray, ne } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { hearingParties, hearings, panelSeats, representativeConflicts, representatives } from "../../db/schema";
import { DomainError } from "../errors";
import { monthsBefore, shanghaiDay } from "./calendar";
import { pseudonym } from "./pseudonym";
import { parseInput } from "./schemas";

export const exclusionReasons = ["party", "conflict", "unavailable", "suspended", "retired", "recent_panel_same_party", "manual"] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];

export const EligibilityInput = z.object({
  communityId: z.number().int().positive(),
  hearingId: z.number().int().positive(),
  /** Which opening of the hearing's draw: pseudonyms are keyed per opening, so nobody can follow a resident across draws. */
  opening: z.number().int().positive().default(1),
  /** Unavailable dates are compared by calendar day in Asia/Shanghai. */
  hearingDate: z.date(),
  parties: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      representativeId: z.number().int().positive().nullable(),
      unitId: z.number().int().positive().nullable(),
    }),
  ),
  manualExclusions: z.array(z.object({ representativeId: z.number().int().positive(), reason: z.string().trim().min(1, "required").max(200, "too_long") })),
});
export type EligibilityInput = z.input<typeof EligibilityInput>;

export type PoolMember = { id: string; representativeId: number; features: Record<string, string> };
export type PoolExclusion = { id: string; representativeId: number; reason: ExclusionReason; note?: string };
export type EligiblePool = { members: PoolMember[]; exclusions: PoolExclusion[] };

/** Window for "served on a panel with the same party recently" (DESIGN §4). */
const RECENT_PANEL_MONTHS = 12;

/**
 * Who may be drawn for a hearing, and why everyone else may not. Reads the pool; writes nothing.
 *
 * Each representative of the community is either a member or excluded for the FIRST reason that applies,
 * in the order of `exclusionReasons`. Members carry `category` plus their free features (the quota
 * inputs) under a pseudonym; both lists are in canonical order (sorted by pseudonym) so the snapshot hash
 * the hearing service takes over them does not depend on row order.
 *
 * Rules:
 * - party: the representative is one of the parties (by representativeId);
 * - conflict: a declared conflict names a party (person name equal to a party's name, trimmed), a party who
 *   is a representative (either side may have declared it), or — for neighbour/employer conflicts — the
 *   party's unit;
 * - unavailable: the hearing's Shanghai calendar day is in the representative's unavailable dates;
 * - suspended / retired: status;
 * - recent_panel_same_party: a drawn juror seat (challenged or not) on another hearing, cancelled or not, scheduled less than 12
 *   months before this hearing's date (or after it: a seat already drawn for a later hearing counts too)
 *   whose parties include one of this hearing's parties, matched by representativeId or by exact name;
 * - manual: the mediator's exclusions, each with a recorded reason (kept in `note`).
 */
export function eligiblePool(deps: { db: Db; pseudonymKey: () => string }, input: EligibilityInput): EligiblePool {
  const data = parseInput(EligibilityInput, input);
  const { db } = deps;
  const key = deps.pseudonymKey();
  const rows = db.select().from(representatives).where(eq(representatives.communityId, data.communityId)).orderBy(asc(representatives.id)).all();
  const repIds = rows.map((r) => r.id);

  const partyRepIds = new Set(data.parties.flatMap((p) => (p.representativeId === null ? [] : [p.representativeId])));
  const partyNames = new Set(data.parties.map((p) => p.name.trim()).filter(Boolean));
  const partyUnitIds = new Set(data.parties.flatMap((p) => (p.unitId === null ? [] : [p.unitId])));

  const manual = new Map<number, string>();
  for (const m of data.manualExclusions) {
    if (!repIds.includes(m.representativeId)) throw new DomainError("pool_manual_exclusion_unknown", { representativeId: m.representativeId });
    manual.set(m.representativeId, m.reason);
  }

  const conflictNote = conflictsWithParties(db, repIds, { partyRepIds, partyNames, partyUnitIds });
  const recent = recentPanelsWithSameParty(db, data.hearingId, data.hearingDate, repIds, { partyRepIds, partyNames });
  const day = shanghaiDay(data.hearingDate);

  const members: PoolMember[] = [];
  const exclusions: PoolExclusion[] = [];
  const seen = new Set<string>();
  for (const rep of rows) {
    const id = pseudonym(key, data.opening === 1 ? data.hearingId : `${data.hearingId}/${data.opening}`, rep.id);
    // 40 bits make a clash within one pool vanishingly rare; if it ever happens, refuse rather than merge two people.
    if (seen.has(id)) throw new Error(`pseudonym collision in hearing ${data.hearingId}`);
    seen.add(id);
    const checks: [ExclusionReason, boolean, string | undefined][] = [
      ["party", partyRepIds.has(rep.id), undefined],
      ["conflict", conflictNote.has(rep.id), conflictNote.get(rep.id)],
      ["unavailable", rep.unavailableDates.includes(day), undefined],
      ["suspended", rep.status === "suspended", undefined],
      ["retired", rep.status === "retired", undefined],
      ["recent_panel_same_party", recent.has(rep.id), undefined],
      ["manual", manual.has(rep.id), manual.get(rep.id)],
    ];
    const hit = checks.find(([, applies]) => applies);
    if (hit) exclusions.push({ id, representativeId: rep.id, reason: hit[0], ...(hit[2] ? { note: hit[2] } : {}) });
    else members.push({ id, representativeId: rep.id, features: { ...rep.features, category: rep.category } });
  }
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { members: members.sort(byId), exclusions: exclusions.sort(byId) };
}

type Parties = { partyRepIds: Set<number>; partyNames: Set<string>; partyUnitIds: Set<number> };

/** representativeId → the kind of the first conflict that ties them to a party (the note says only the kind, never a name). */
function conflictsWithParties(db: Db, repIds: number[], parties: Parties): Map<number, string> {
  const out = new Map<number, string>();
  if (repIds.length === 0) return out;
  const declared = db.select().from(representativeConflicts).where(inArray(representativeConflicts.representativeId, repIds)).orderBy(asc(representativeConflicts.id)).all();
  for (const c of declared) {
    if (out.has(c.representativeId)) continue;
    const byName = c.personName !== null && parties.partyNames.has(c.personName.trim());
    const byRepresentative = c.otherRepresentativeId !== null && parties.partyRepIds.has(c.otherRepresentativeId);
    const byUnit = (c.kind === "neighbour" || c.kind === "employer") && c.unitId !== null && parties.partyUnitIds.has(c.unitId);
    if (byName || byRepresentative || byUnit) out.set(c.representativeId, c.kind);
  }
  // A party who is a representative may have declared the conflict from their side: it binds both ways.
  if (parties.partyRepIds.size > 0) {
    const fromParties = db
      .select()
      .from(representativeConflicts)
      .where(inArray(representativeConflicts.representativeId, [...parties.partyRepIds]))
      .orderBy(asc(representativeConflicts.id))
      .all();
    for (const c of fromParties) {
      if (c.otherRepresentativeId !== null && repIds.includes(c.otherRepresentativeId) && !out.has(c.otherRepresentativeId))
        out.set(c.otherRepresentativeId, c.kind);
    }
  }
  return out;
}

/** Representatives who sat (juror, active) on another recent hearing that shared a party with this one. */
function recentPanelsWithSameParty(
  db: Db,
  hearingId: number,
  hearingDate: Date,
  repIds: number[],
  parties: Pick<Parties, "partyRepIds" | "partyNames">,
): Set<number> {
  const out = new Set<number>();
  if (repIds.length === 0 || (parties.partyRepIds.size === 0 && parties.partyNames.size === 0)) return out;
  const rows = db
    .select({ representativeId: panelSeats.representativeId, partyRepresentativeId: hearingParties.representativeId, partyName: hearingParties.name })
    .from(panelSeats)
    .innerJoin(hearings, eq(hearings.id, panelSeats.hearingId))
    .innerJoin(hearingParties, eq(hearingParties.hearingId, hearings.id))
    .where(
      and(
        inArray(panelSeats.representativeId, repIds),
        // Every drawn juror seat counts, challenged or not, and so do cancelled hearings: otherwise an
        // office could cancel a draw it dislikes, reconvene, and have the same residents drawable again.
        eq(panelSeats.role, "juror"),
        ne(hearings.id, hearingId),
        gt(hearings.scheduledAt, monthsBefore(hearingDate, RECENT_PANEL_MONTHS)),
      ),
    )
    .all();
  for (const r of rows) {
    const sameParty =
      (r.partyRepresentativeId !== null && parties.partyRepIds.has(r.partyRepresentativeId)) || parties.partyNames.has(r.partyName.trim());
    if (sameParty) out.add(r.representativeId);
  }
  return out;
}

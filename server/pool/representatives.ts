import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { representatives, representativeCategories, representativeStatuses, type RepresentativeCategory } from "../../db/schema";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import type { Representative } from "./access";
import { shanghaiDay, startOfShanghaiDay } from "./calendar";
import { checkFeatures, listFeatures } from "./features";
import { panelsServedLast12Months } from "./panels-served";
import { ListFilter, parseInput, ReinstateInput, RepresentativeInput, StatusChangeInput } from "./schemas";
import { communityUnits, type PoolUnit } from "./units";

export type RepresentativeStatus = (typeof representativeStatuses)[number];

export type RepresentativeSummary = Representative & { unitPath: string; gridId: number | null; panelsServed: number };

export type PoolListing = {
  representatives: RepresentativeSummary[];
  /** Active (drawable) representatives per category, over the whole community, not the filter. */
  activeByCategory: Record<RepresentativeCategory, number>;
  byStatus: Record<RepresentativeStatus, number>;
};

function unitIn(unitsOfCommunity: PoolUnit[], unitId: number): PoolUnit {
  const unit = unitsOfCommunity.find((u) => u.id === unitId);
  if (!unit) throw new DomainError("pool_unit_outside_community", { field: "unitId" });
  return unit;
}

/** Validates everything that needs the database: the unit is in this community, features are configured values. */
function checkedValues(db: Db, communityId: number, input: RepresentativeInput) {
  const data = parseInput(RepresentativeInput, input);
  unitIn(communityUnits(db, communityId), data.unitId);
  const features = checkFeatures(listFeatures(db, communityId), data.features);
  const { publicNameConsent, ...rest } = data;
  return { values: { ...rest, features }, publicNameConsent };
}

/** The consent's date: kept while consent stands, set when given, cleared when withdrawn (issue 12). */
function consentAt(consent: boolean | undefined, current: Date | null, now: Date): Date | null {
  if (consent === undefined) return current;
  return consent ? (current ?? now) : null;
}

export function listRepresentatives(db: Db, clock: Clock, communityId: number, filter: ListFilter = {}): PoolListing {
  const f = parseInput(ListFilter, filter);
  const unitsOfCommunity = communityUnits(db, communityId);
  const rows = db.select().from(representatives).where(eq(representatives.communityId, communityId)).orderBy(asc(representatives.id)).all();
  const served = panelsServedLast12Months(db, clock.now(), rows.map((r) => r.id));

  const activeByCategory = Object.fromEntries(representativeCategories.map((c) => [c, 0])) as Record<RepresentativeCategory, number>;
  const byStatus = Object.fromEntries(representativeStatuses.map((s) => [s, 0])) as Record<RepresentativeStatus, number>;
  for (const r of rows) {
    byStatus[r.status] += 1;
    if (r.status === "active") activeByCategory[r.category] += 1;
  }

  const q = f.q?.toLowerCase();
  const summaries = rows
    .map((r) => {
      const unit = unitsOfCommunity.find((u) => u.id === r.unitId);
      return { ...r, unitPath: unit?.path ?? "", gridId: unit?.gridId ?? null, panelsServed: served.get(r.id) ?? 0 };
    })
    .filter(
      (r) =>
        (!f.status || r.status === f.status) &&
        (!f.category || r.category === f.category) &&
        (!f.gridId || r.gridId === f.gridId) &&
        (!q || r.name.toLowerCase().includes(q) || (r.phone ?? "").includes(q.replace(/[\s-]/g, ""))),
    );
  return { representatives: summaries, activeByCategory, byStatus };
}

export function createRepresentative(db: Db, clock: Clock, communityId: number, input: RepresentativeInput): Representative {
  return db.transaction((tx) => {
    const { values, publicNameConsent } = checkedValues(tx as unknown as Db, communityId, input);
    return tx
      .insert(representatives)
      .values({ ...values, publicNameConsentAt: consentAt(publicNameConsent, null, clock.now()), communityId, status: "active", createdAt: clock.now() })
      .returning()
      .get();
  });
}

export function updateRepresentative(db: Db, clock: Clock, current: Representative, input: RepresentativeInput): Representative {
  return db.transaction((tx) => {
    const { values, publicNameConsent } = checkedValues(tx as unknown as Db, current.communityId, input);
    return tx
      .update(representatives)
      .set({ ...values, publicNameConsentAt: consentAt(publicNameConsent, current.publicNameConsentAt, clock.now()) })
      .where(eq(representatives.id, current.id))
      .returning()
      .get();
  });
}

/** Dynamic adjustment (动态调整): which status may follow which. Retired is not final: people come back. */
const transitions: Record<"suspend" | "retire" | "reinstate", { from: RepresentativeStatus[]; to: RepresentativeStatus }> = {
  suspend: { from: ["active"], to: "suspended" },
  retire: { from: ["active", "suspended"], to: "retired" },
  reinstate: { from: ["suspended", "retired"], to: "active" },
};

export function changeStatus(
  db: Db,
  clock: Clock,
  current: Representative,
  change: { action: "suspend" | "retire"; input: StatusChangeInput } | { action: "reinstate"; input: ReinstateInput },
): Representative {
  const rule = transitions[change.action];
  let reason: string | null;
  let since: Date;
  if (change.action === "reinstate") {
    reason = parseInput(ReinstateInput, change.input).reason;
    since = clock.now();
  } else {
    const data = parseInput(StatusChangeInput, change.input);
    // A future date would mean a scheduled change, which nothing would carry out: refuse it.
    if (data.date > shanghaiDay(clock.now())) throw new DomainError("pool_date_in_future", { field: "date" });
    reason = data.reason;
    since = startOfShanghaiDay(data.date);
  }
  return db.transaction((tx) => {
    // Re-read inside the transaction: two mediators clicking at once must not both succeed.
    const row = tx.select().from(representatives).where(eq(representatives.id, current.id)).get();
    if (!row) throw new DomainError("not_found");
    if (!rule.from.includes(row.status)) throw new DomainError("pool_status_transition", { from: row.status, to: rule.to });
    return tx
      .update(representatives)
      .set({ status: rule.to, statusReason: reason, statusChangedAt: since })
      .where(and(eq(representatives.id, row.id), eq(representatives.status, row.status)))
      .returning()
      .get();
  });
}

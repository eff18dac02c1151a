import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { representativeConflicts, representatives, representativeTrainings, units } from "../../db/schema";
import { DomainError } from "../errors";
import type { Representative } from "./access";
import { ConflictInput, parseInput, TrainingInput, UnavailableDateInput } from "./schemas";

/** Training records, unavailable dates and declared conflicts: the detail page's sections. */

export type Training = typeof representativeTrainings.$inferSelect;
export type Conflict = typeof representativeConflicts.$inferSelect;
export type ConflictView = Conflict & { otherRepresentativeName: string | null; unitName: string | null };

export function listTrainings(db: Db, representativeId: number): Training[] {
  return db
    .select()
    .from(representativeTrainings)
    .where(eq(representativeTrainings.representativeId, representativeId))
    .orderBy(asc(representativeTrainings.date), asc(representativeTrainings.id))
    .all();
}

export function addTraining(db: Db, rep: Representative, input: TrainingInput): Training {
  const data = parseInput(TrainingInput, input);
  return db.insert(representativeTrainings).values({ representativeId: rep.id, date: data.date, topic: data.topic }).returning().get();
}

export function removeTraining(db: Db, rep: Representative, trainingId: number): void {
  const res = db
    .delete(representativeTrainings)
    .where(and(eq(representativeTrainings.id, trainingId), eq(representativeTrainings.representativeId, rep.id)))
    .run();
  if (res.changes === 0) throw new DomainError("not_found");
}

/** Kept sorted and without duplicates, so the page and the CSV show the same list. */
export function addUnavailableDate(db: Db, rep: Representative, input: { date: string }): string[] {
  const { date } = parseInput(UnavailableDateInput, input);
  return db.transaction((tx) => {
    const row = tx.select({ dates: representatives.unavailableDates }).from(representatives).where(eq(representatives.id, rep.id)).get();
    const dates = [...new Set([...(row?.dates ?? []), date])].sort();
    tx.update(representatives).set({ unavailableDates: dates }).where(eq(representatives.id, rep.id)).run();
    return dates;
  });
}

export function removeUnavailableDate(db: Db, rep: Representative, input: { date: string }): string[] {
  const { date } = parseInput(UnavailableDateInput, input);
  return db.transaction((tx) => {
    const row = tx.select({ dates: representatives.unavailableDates }).from(representatives).where(eq(representatives.id, rep.id)).get();
    const dates = (row?.dates ?? []).filter((d) => d !== date);
    tx.update(representatives).set({ unavailableDates: dates }).where(eq(representatives.id, rep.id)).run();
    return dates;
  });
}

export function listConflicts(db: Db, representativeId: number): ConflictView[] {
  const rows = db
    .select()
    .from(representativeConflicts)
    .where(eq(representativeConflicts.representativeId, representativeId))
    .orderBy(asc(representativeConflicts.id))
    .all();
  return rows.map((c) => ({
    ...c,
    otherRepresentativeName: c.otherRepresentativeId
      ? (db.select({ name: representatives.name }).from(representatives).where(eq(representatives.id, c.otherRepresentativeId)).get()?.name ?? null)
      : null,
    unitName: c.unitId ? (db.select({ name: units.name }).from(units).where(eq(units.id, c.unitId)).get()?.name ?? null) : null,
  }));
}

/**
 * Declares a conflict of interest. Another representative must be in the same pool (the page offers
 * only those) and not the representative themself; a unit must exist.
 */
export function addConflict(db: Db, rep: Representative, input: ConflictInput): Conflict {
  const data = parseInput(ConflictInput, input);
  return db.transaction((tx) => {
    if (data.otherRepresentativeId !== null) {
      if (data.otherRepresentativeId === rep.id) throw new DomainError("pool_conflict_self", { field: "otherRepresentativeId" });
      const other = tx.select({ communityId: representatives.communityId }).from(representatives).where(eq(representatives.id, data.otherRepresentativeId)).get();
      if (!other || other.communityId !== rep.communityId) throw new DomainError("pool_conflict_target_unknown", { field: "otherRepresentativeId" });
    }
    if (data.unitId !== null && !tx.select({ id: units.id }).from(units).where(eq(units.id, data.unitId)).get())
      throw new DomainError("pool_conflict_target_unknown", { field: "unitId" });
    return tx
      .insert(representativeConflicts)
      .values({ representativeId: rep.id, ...data })
      .returning()
      .get();
  });
}

export function removeConflict(db: Db, rep: Representative, conflictId: number): void {
  const res = db
    .delete(representativeConflicts)
    .where(and(eq(representativeConflicts.id, conflictId), eq(representativeConflicts.representativeId, rep.id)))
    .run();
  if (res.changes === 0) throw new DomainError("not_found");
}

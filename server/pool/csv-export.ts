import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { representatives } from "../../db/schema";
import type { Clock } from "../clock";
import { shanghaiDay } from "./calendar";
import { baseColumns, categoryLabels, formatCsvHeader, nominationLabels, readOnlyColumns, statusLabels } from "./csv-columns";
import { formatCsv } from "./csv";
import { listFeatures } from "./features";
import { panelsServedLast12Months } from "./panels-served";
import { communityUnits } from "./units";

/** The community's whole pool as CSV (UTF-8 with BOM), in the format the import reads back. */
export function exportPoolCsv(db: Db, clock: Clock, communityId: number): string {
  const features = listFeatures(db, communityId);
  const unitPaths = new Map(communityUnits(db, communityId).map((u) => [u.id, u.path]));
  const rows = db.select().from(representatives).where(eq(representatives.communityId, communityId)).orderBy(asc(representatives.id)).all();
  const served = panelsServedLast12Months(db, clock.now(), rows.map((r) => r.id));
  const header = formatCsvHeader(features.map((f) => f.key));
  const body = rows.map((r) => {
    const base: Record<(typeof baseColumns)[number], string> = {
      id: String(r.id),
      name: r.name,
      phone: r.phone ?? "",
      unit: unitPaths.get(r.unitId) ?? "",
      category: categoryLabels[r.category],
      nomination: nominationLabels[r.nomination],
      status: statusLabels[r.status],
      status_reason: r.statusReason ?? "",
      status_date: r.status !== "active" && r.statusChangedAt ? shanghaiDay(r.statusChangedAt) : "",
      unavailable_dates: r.unavailableDates.join(";"),
      public_name_consent: r.publicNameConsentAt ? "是" : "否",
    };
    return [
      ...baseColumns.map((c) => base[c]),
      ...features.map((f) => r.features[f.key] ?? ""),
      ...readOnlyColumns.map(() => String(served.get(r.id) ?? 0)),
    ];
  });
  return formatCsv([header, ...body]);
}

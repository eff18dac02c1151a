import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { poolFeatures, representatives } from "../../db/schema";
import { DomainError } from "../errors";
import { FeatureInput, parseInput } from "./schemas";

export type PoolFeature = typeof poolFeatures.$inferSelect;

export function listFeatures(db: Db, communityId: number): PoolFeature[] {
  return db.select().from(poolFeatures).where(eq(poolFeatures.communityId, communityId)).orderBy(asc(poolFeatures.id)).all();
}

/**
 * Checks a representative's free features against the community's configuration and drops empty values.
 * `field` in the error is the form/CSV column (`feature:<key>`), so the message lands beside it.
 */
export function checkFeatures(configured: PoolFeature[], features: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(features)) {
    if (value === "") continue;
    const feature = configured.find((f) => f.key === key);
    if (!feature) throw new DomainError("pool_feature_unknown", { field: `feature:${key}`, key });
    if (!feature.values.includes(value))
      throw new DomainError("pool_feature_value_invalid", { field: `feature:${key}`, label: feature.label, allowed: feature.values.join("、") });
    out[key] = value;
  }
  return out;
}

/** Adds a feature or changes its label and values. The key is a code used by quotas: it never changes. */
export function saveFeature(db: Db, communityId: number, featureId: number | null, input: FeatureInput): PoolFeature {
  const data = parseInput(FeatureInput, input);
  return db.transaction((tx) => {
    const existing = listFeatures(tx as unknown as Db, communityId);
    if (featureId === null) {
      if (existing.some((f) => f.key === data.key)) throw new DomainError("pool_feature_key_taken", { field: "key", key: data.key });
      return tx.insert(poolFeatures).values({ communityId, key: data.key, label: data.label, values: data.values }).returning().get();
    }
    const feature = existing.find((f) => f.id === featureId);
    if (!feature) throw new DomainError("not_found");
    if (feature.key !== data.key) throw new DomainError("pool_feature_key_fixed", { field: "key" });
    // Removing a value someone still holds would leave them with a value no quota can count.
    const removed = feature.values.filter((v) => !data.values.includes(v));
    if (removed.length > 0) {
      const holders = tx
        .select({ features: representatives.features })
        .from(representatives)
        .where(eq(representatives.communityId, communityId))
        .all()
        .filter((r) => removed.includes(r.features[feature.key] ?? ""));
      if (holders.length > 0)
        throw new DomainError("pool_feature_value_in_use", { field: "values", count: holders.length, values: removed.join("、") });
    }
    return tx
      .update(poolFeatures)
      .set({ label: data.label, values: data.values })
      .where(and(eq(poolFeatures.id, featureId), eq(poolFeatures.communityId, communityId)))
      .returning()
      .get();
  });
}

/** Deletes a feature and, in the same transaction, the representatives' values for it. */
export function deleteFeature(db: Db, communityId: number, featureId: number): void {
  db.transaction((tx) => {
    const feature = tx
      .select()
      .from(poolFeatures)
      .where(and(eq(poolFeatures.id, featureId), eq(poolFeatures.communityId, communityId)))
      .get();
    if (!feature) throw new DomainError("not_found");
    const rows = tx.select({ id: representatives.id, features: representatives.features }).from(representatives).where(eq(representatives.communityId, communityId)).all();
    for (const row of rows) {
      if (!(feature.key in row.features)) continue;
      const { [feature.key]: _dropped, ...rest } = row.features;
      tx.update(representatives).set({ features: rest }).where(eq(representatives.id, row.id)).run();
    }
    tx.delete(poolFeatures).where(eq(poolFeatures.id, featureId)).run();
  });
}

/**
 * Quota arithmetic shared by the solver, the selection and the verifier (isomorphic: no Node APIs),
 * plus the typed errors for input that cannot produce a draw.
 */
import type { PoolMember, Quota } from "./types";

/** The pool, quotas or k are malformed (a data error, not a quota conflict). */
export class InvalidDrawInputError extends Error {
  readonly code = "draw.invalid_input";
  constructor(message: string) {
    super(message);
    this.name = "InvalidDrawInputError";
  }
}

export interface QuotaConflict {
  /** The quotas that cannot hold together; empty when only the whole set is known to conflict. */
  quotas: Quota[];
  reason: string;
}

/** No panel of size k meets every quota. `conflicts` names the quotas responsible where known. */
export class InfeasibleQuotasError extends Error {
  readonly code = "draw.infeasible_quotas";
  constructor(readonly conflicts: QuotaConflict[]) {
    super(`Quotas are infeasible: ${conflicts.map((c) => c.reason).join("; ")}`);
    this.name = "InfeasibleQuotasError";
  }
}

export const quotaLabel = (q: Quota): string => `${q.category}=${q.feature} [${q.min}..${q.max}]`;

export const hasFeature = (member: PoolMember, quota: Quota): boolean =>
  member.features[quota.category] === quota.feature;

/** The categories that carry quotas, in first-seen order. */
export function quotaCategories(quotas: Quota[]): string[] {
  return [...new Set(quotas.map((q) => q.category))];
}

/** The first quota the panel breaks, or undefined if it meets them all. */
export function firstQuotaViolation(panel: PoolMember[], quotas: Quota[]): { quota: Quota; count: number } | undefined {
  for (const quota of quotas) {
    const count = panel.filter((m) => hasFeature(m, quota)).length;
    if (count < quota.min || count > quota.max) return { quota, count };
  }
  return undefined;
}

/**
 * Rejects input the draw cannot interpret. Every member must have, for each quota category, one of
 * that category's quota features: otherwise "sum of maxima < k" would not prove infeasibility and a
 * typo in the data would silently exclude people.
 */
export function validateDrawInput(pool: PoolMember[], quotas: Quota[], k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new InvalidDrawInputError(`k must be a positive integer, got ${k}`);
  if (k > pool.length) throw new InvalidDrawInputError(`k = ${k} exceeds the pool size ${pool.length}`);
  const ids = new Set<string>();
  for (const m of pool) {
    if (ids.has(m.id)) throw new InvalidDrawInputError(`duplicate member id "${m.id}"`);
    ids.add(m.id);
  }
  const seen = new Set<string>();
  for (const q of quotas) {
    const key = JSON.stringify([q.category, q.feature]);
    if (seen.has(key)) throw new InvalidDrawInputError(`duplicate quota for ${q.category}=${q.feature}`);
    seen.add(key);
    if (!Number.isInteger(q.min) || !Number.isInteger(q.max) || q.min < 0 || q.min > q.max) {
      throw new InvalidDrawInputError(`quota ${quotaLabel(q)} needs integers 0 <= min <= max`);
    }
  }
  for (const category of quotaCategories(quotas)) {
    const features = new Set(quotas.filter((q) => q.category === category).map((q) => q.feature));
    for (const m of pool) {
      const value = m.features[category];
      if (value === undefined || !features.has(value)) {
        throw new InvalidDrawInputError(
          `member "${m.id}" has ${category}=${value ?? "(missing)"}, which has no quota in category ${category}`,
        );
      }
    }
  }
}

/** Conflicts visible without solving anything: per-category sums and features the pool lacks. */
export function findQuotaConflicts(pool: PoolMember[], quotas: Quota[], k: number): QuotaConflict[] {
  const conflicts: QuotaConflict[] = [];
  for (const category of quotaCategories(quotas)) {
    const own = quotas.filter((q) => q.category === category);
    const minSum = own.reduce((s, q) => s + q.min, 0);
    const maxSum = own.reduce((s, q) => s + q.max, 0);
    if (minSum > k) {
      conflicts.push({ quotas: own, reason: `category ${category}: the minima sum to ${minSum} > k = ${k}` });
    }
    if (maxSum < k) {
      conflicts.push({ quotas: own, reason: `category ${category}: the maxima sum to ${maxSum} < k = ${k}` });
    }
  }
  for (const q of quotas) {
    const available = pool.filter((m) => hasFeature(m, q)).length;
    if (q.min > available) {
      conflicts.push({
        quotas: [q],
        reason: `${quotaLabel(q)}: min ${q.min} exceeds the ${available} pool member(s) with ${q.category}=${q.feature}`,
      });
    }
  }
  return conflicts;
}

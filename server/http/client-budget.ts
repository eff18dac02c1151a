import type { Principal } from "../auth/principal";

/**
 * One token bucket per client — a session when signed in (each voter of a hall behind one Wi-Fi has
 * their own), the network address when anonymous — shared by all of that client's sockets and HTTP
 * requests. A per-socket throttle alone let a client open more sockets to get more budget.
 * In memory: correct for the single-process deployment (DESIGN.md §5).
 */
export type ClientBudgets = ReturnType<typeof createClientBudgets>;

export type BudgetLimits = {
  /** Commands and dynamic requests per second, sustained, and the burst on top (per session). */
  sessionRate: number;
  sessionBurst: number;
  /** The same for everything anonymous from one address (spectators of a hall may share it: larger). */
  anonymousRate: number;
  anonymousBurst: number;
  /** Anonymous sockets one address may hold open at once. */
  anonymousSocketsPerAddress: number;
};

export const defaultBudgetLimits: BudgetLimits = {
  sessionRate: 20,
  sessionBurst: 60,
  anonymousRate: 50,
  anonymousBurst: 200,
  anonymousSocketsPerAddress: 100,
};

type Bucket = { tokens: number; last: number; rate: number; burst: number };

export function clientKey(principal: Principal, address: string): string {
  return principal.kind === "anonymous" ? `a:${address}` : `s:${principal.sessionId}`;
}

export function createClientBudgets(limits: BudgetLimits = defaultBudgetLimits, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();
  const sockets = new Map<string, number>();

  /** Forget buckets that are full again: they carry no information (bounded memory under many addresses). */
  function sweep(t: number): void {
    for (const [k, b] of buckets) if (b.tokens + ((t - b.last) / 1000) * b.rate >= b.burst) buckets.delete(k);
  }

  return {
    limits,
    /** Takes one token from the client's bucket; false when the client is over its budget. */
    take(key: string, cost = 1): boolean {
      const t = now();
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= 50_000) sweep(t);
        const anonymous = key.startsWith("a:");
        const rate = anonymous ? limits.anonymousRate : limits.sessionRate;
        const burst = anonymous ? limits.anonymousBurst : limits.sessionBurst;
        b = { tokens: burst, last: t, rate, burst };
        buckets.set(key, b);
      }
      b.tokens = Math.min(b.burst, b.tokens + ((t - b.last) / 1000) * b.rate);
      b.last = t;
      if (b.tokens < cost) return false;
      b.tokens -= cost;
      return true;
    },
    /** Seconds until one token is back (for Retry-After). */
    retryAfterSeconds(key: string): number {
      const b = buckets.get(key);
      return b ? Math.max(1, Math.ceil((1 - b.tokens) / b.rate)) : 1;
    },
    /** Counts an anonymous socket of an address in; false (and not counted) past the cap. */
    openAnonymousSocket(address: string): boolean {
      const n = sockets.get(address) ?? 0;
      if (n >= limits.anonymousSocketsPerAddress) return false;
      sockets.set(address, n + 1);
      return true;
    },
    closeAnonymousSocket(address: string): void {
      const n = (sockets.get(address) ?? 1) - 1;
      if (n <= 0) sockets.delete(address);
      else sockets.set(address, n);
    },
  };
}

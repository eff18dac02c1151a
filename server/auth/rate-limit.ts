/**
 * A fixed-window counter per key (e.g. login attempts per IP and per username).
 * In memory: correct for the single-process deployment; a multi-instance deployment would move it
 * to the shared store (see DESIGN.md §5).
 */
export function createRateLimiter(opts: { limit: number; windowMs: number; now?: () => number }) {
  const now = opts.now ?? Date.now;
  const hits = new Map<string, { count: number; resetAt: number }>();
  return {
    /** Records an attempt; returns the ms to wait if the key is over its limit, else 0. */
    hit(key: string): number {
      const t = now();
      if (hits.size > 10_000) for (const [k, v] of hits) if (v.resetAt <= t) hits.delete(k);
      const entry = hits.get(key);
      if (!entry || entry.resetAt <= t) {
        hits.set(key, { count: 1, resetAt: t + opts.windowMs });
        return 0;
      }
      entry.count += 1;
      return entry.count > opts.limit ? entry.resetAt - t : 0;
    },
    /** The ms to wait if the key is already over its limit, without recording an attempt. */
    blocked(key: string): number {
      const entry = hits.get(key);
      const t = now();
      return entry && entry.resetAt > t && entry.count >= opts.limit ? entry.resetAt - t : 0;
    },
    reset(key: string): void {
      hits.delete(key);
    },
  };
}

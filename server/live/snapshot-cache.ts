/**
 * Anonymous spectators' room snapshots, computed once per room state instead of once per request
 * (decision 014): keyed by the room and its sequence number, which every broadcast change advances.
 * Changes made without a broadcast (a console form before the meeting starts) are covered by a short
 * lifetime: an entry is served for at most `ttlMs`. Spectators all see the same public snapshot, so
 * sharing it shows nobody anything new; signed-in viewers' snapshots are personal and never cached.
 */
export function createSnapshotCache<T>(opts: { ttlMs?: number; maxEntries?: number } = {}) {
  // Short: a hearing snapshot carries the server's time for the speaking timer.
  const ttlMs = opts.ttlMs ?? 250;
  const maxEntries = opts.maxEntries ?? 500;
  const entries = new Map<string, { seq: number; at: number; value: T }>();
  return (room: string, seq: number, compute: () => T): T => {
    const now = Date.now();
    const hit = entries.get(room);
    if (hit && hit.seq === seq && now - hit.at < ttlMs) return hit.value;
    const value = compute();
    entries.delete(room);
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
    entries.set(room, { seq, at: now, value });
    return value;
  };
}

import { PreEncoded } from "./pre-encoded";

/**
 * Anonymous spectators' answers to joining a room, built and serialised once per room state instead of
 * once per join (decision 014, issue 16): keyed by the room and its sequence number, which every
 * broadcast change advances. Changes made without a broadcast (a console form before the meeting starts)
 * are covered by a short lifetime: an entry is served for at most `ttlMs`. Spectators all see the same
 * public snapshot, so sharing it shows nobody anything new; signed-in viewers' snapshots are personal and
 * never cached. The entry is the JSON text itself (pre-encoded.ts), so a join costs no serialisation.
 */
export function createSnapshotCache(opts: { ttlMs?: number; maxEntries?: number } = {}) {
  // Short: a hearing snapshot carries the server's time for the speaking timer.
  const ttlMs = opts.ttlMs ?? 250;
  const maxEntries = opts.maxEntries ?? 500;
  const entries = new Map<string, { seq: number; at: number; value: PreEncoded }>();
  return (room: string, seq: number, compute: () => unknown): PreEncoded => {
    const now = Date.now();
    const hit = entries.get(room);
    if (hit && hit.seq === seq && now - hit.at < ttlMs) return hit.value;
    const value = new PreEncoded(JSON.stringify(compute()));
    entries.delete(room);
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
    entries.set(room, { seq, at: now, value });
    return value;
  };
}

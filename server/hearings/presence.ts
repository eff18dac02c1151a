/**
 * Who is connected right now, per hearing: representative id → number of open sockets. In memory on
 * purpose — presence is a property of live connections, not of the record; check-in is what is stored.
 * A juror who checked in and then lost the connection is "away", not absent.
 */
export function createPresence() {
  const online = new Map<number, Map<number, number>>();
  return {
    join(hearingId: number, representativeId: number) {
      const m = online.get(hearingId) ?? new Map<number, number>();
      m.set(representativeId, (m.get(representativeId) ?? 0) + 1);
      online.set(hearingId, m);
    },
    leave(hearingId: number, representativeId: number) {
      const m = online.get(hearingId);
      if (!m) return;
      const n = (m.get(representativeId) ?? 0) - 1;
      if (n <= 0) m.delete(representativeId);
      else m.set(representativeId, n);
    },
    isOnline(hearingId: number, representativeId: number): boolean {
      return (online.get(hearingId)?.get(representativeId) ?? 0) > 0;
    },
  };
}
export type Presence = ReturnType<typeof createPresence>;

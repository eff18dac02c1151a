import type { IoServer } from "./socket-server";
import { disconnectSession, disconnectUser } from "./socket-server";
import type { Logger } from "../log";
import type { RoomEvent } from "./protocol";

/** How long tally-like updates are gathered before one broadcast (see docs/performance.md). */
export const COALESCE_WINDOW_MS = 20;

/**
 * The services' handle on socket.io: room broadcasts with a per-room sequence number, coalesced
 * updates, and ending a session's sockets.
 *
 * Every broadcast in a room carries the next number of that room. A client that sees a gap (or
 * reconnects) asks for a snapshot, which carries the room's current number; nothing is missed and
 * nothing applied twice. Numbers live in memory: after a restart every client reconnects and takes
 * a snapshot anyway.
 *
 * Services are built before socket.io (its handshake needs the session service), so the server is
 * attached afterwards; until then nothing is connected and broadcasts only advance the numbers.
 */
export function createLiveHub(opts: { coalesceWindowMs?: number; log?: Logger } = {}) {
  const windowMs = opts.coalesceWindowMs ?? COALESCE_WINDOW_MS;
  let io: IoServer | null = null;
  const seqs = new Map<string, number>();
  const pending = new Map<string, { room: string; type: string; compute: () => unknown; timer: NodeJS.Timeout }>();
  let closed = false;

  function emit(room: string, type: string, data: unknown): number {
    const seq = (seqs.get(room) ?? 0) + 1;
    seqs.set(room, seq);
    const event: RoomEvent = { room, seq, type, data };
    io?.to(room).emit("room:event", event);
    return seq;
  }

  return {
    attach(server: IoServer) {
      io = server;
    },
    get io(): IoServer | null {
      return io;
    },
    /** The number of the last broadcast in a room (what a snapshot reports). */
    seq(room: string): number {
      return seqs.get(room) ?? 0;
    },
    emit,
    /**
     * Schedules one broadcast of `type` in `room` after the window; further calls inside the window
     * are folded into it. `compute` runs at send time, so the payload is the latest state (absolute
     * values, never deltas, so a snapshot taken meanwhile and this update agree).
     */
    coalesce(room: string, type: string, compute: () => unknown): void {
      if (closed) return;
      const key = `${room}\u0000${type}`;
      const entry = pending.get(key);
      if (entry) {
        entry.compute = compute;
        return;
      }
      const timer = setTimeout(() => {
        const e = pending.get(key);
        pending.delete(key);
        if (!e) return;
        // A failing update must not take the process down from a timer; the next snapshot corrects it.
        try {
          emit(e.room, e.type, e.compute());
        } catch (err) {
          opts.log?.error("coalesced broadcast failed", { err, room: e.room, type: e.type });
        }
      }, windowMs);
      pending.set(key, { room, type, compute, timer });
    },
    /**
     * Drops pending coalesced updates and refuses new ones: called at shutdown, after the sockets are
     * gone and before the database closes (a late update would read a closed database).
     */
    close(): void {
      closed = true;
      for (const e of pending.values()) clearTimeout(e.timer);
      pending.clear();
    },
    /** Sends any coalesced updates now (used before a snapshot-changing event such as closing a ballot). */
    flush(room: string, type: string): void {
      const key = `${room}\u0000${type}`;
      const e = pending.get(key);
      if (!e) return;
      pending.delete(key);
      emit(e.room, e.type, e.compute());
    },
    /** Disconnects every socket of a session (logout, revoked invitation). */
    endSession(sessionId: string, reason: "logout" | "revoked"): void {
      if (io) disconnectSession(io, sessionId, reason);
    },
    /** Disconnects every socket of a user (disabled, roles changed, password reset). */
    endUser(userId: number): void {
      if (io) disconnectUser(io, userId);
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;

import type { IoServer } from "./socket-server";
import { disconnectSession } from "./socket-server";

/**
 * The services' handle on the socket.io server. Services are built before socket.io (its handshake
 * needs the session service), so the server is attached afterwards; until then nothing is connected
 * and these calls do nothing.
 */
export function createLiveHub() {
  let io: IoServer | null = null;
  return {
    attach(server: IoServer) {
      io = server;
    },
    get io(): IoServer | null {
      return io;
    },
    /** Disconnects every socket of a session (logout, revoked invitation). */
    endSession(sessionId: string, reason: "logout" | "revoked"): void {
      if (io) disconnectSession(io, sessionId, reason);
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;

import { io, type Socket } from "socket.io-client";
import type { AckResult, ClientToServerEvents, ServerToClientEvents } from "../../server/live/protocol";

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: LiveSocket | null = null;

/**
 * One socket per page, same origin, cookie-authenticated by the handshake. Websocket first (a
 * phone in the hall should not pay for long-polling), polling only as a fallback.
 */
export function getSocket(): LiveSocket {
  if (!socket) {
    const s: LiveSocket = io({ transports: ["websocket", "polling"], reconnectionDelayMax: 4000 });
    // Closed by the server for sending on after `rate_limited` (decision 032): socket.io does not
    // reconnect after a server-side disconnect, so come back once, after a pause.
    s.on("connection:closing", () => setTimeout(() => s.connect(), 5_000));
    socket = s;
  }
  return socket;
}

/** Sends a command and resolves with its acknowledgement; a lost connection resolves to an error. */
export function send<T = unknown>(event: string, payload: unknown, timeoutMs = 15_000): Promise<AckResult<T>> {
  const s = getSocket();
  return new Promise((resolve) => {
    (s.timeout(timeoutMs) as unknown as { emit: (e: string, p: unknown, cb: (err: Error | null, res: AckResult<T>) => void) => void }).emit(
      event,
      payload,
      (err, res) => resolve(err ? { ok: false, error: { code: "timeout" } } : res),
    );
  });
}

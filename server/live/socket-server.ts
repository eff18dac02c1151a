import type { Server as HttpServer } from "node:http";
import { randomUUID } from "node:crypto";
import { Server, type Socket } from "socket.io";
import { parseCookies, SESSION_COOKIE } from "../auth/cookies";
import type { SessionService } from "../auth/sessions";
import { isAllowedSocketOrigin } from "../http/origin";
import type { Logger } from "../log";
import { createThrottle } from "./command";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "./protocol";

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Rooms that let the server reach every socket of a user or a session (logout, revocation). */
export const userRoom = (userId: number) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * The socket.io server on the same HTTP server as Express. The handshake reuses the HTTP auth:
 * it reads the same session cookie and checks Origin. Without a session the socket is a spectator.
 */
export function createSocketServer(httpServer: HttpServer, deps: { sessions: SessionService; log: Logger; publicOrigin?: string }): IoServer {
  const io: IoServer = new Server(httpServer, {
    serveClient: false,
    allowRequest: (req, callback) => {
      const ok = isAllowedSocketOrigin(req.headers, deps.publicOrigin);
      if (!ok) deps.log.warn("socket handshake refused: foreign origin", { origin: req.headers.origin });
      callback(ok ? null : "forbidden_origin", ok);
    },
  });

  io.use((socket, next) => {
    const token = parseCookies(socket.request.headers.cookie)[SESSION_COOKIE];
    socket.data.principal = deps.sessions.validate(token);
    socket.data.requestId = randomUUID();
    next();
  });

  io.on("connection", (socket) => {
    const p = socket.data.principal;
    if (p.kind !== "anonymous") void socket.join(sessionRoom(p.sessionId));
    if (p.kind === "user") void socket.join(userRoom(p.user.id));

    // Every command passes through the throttle before its handler runs.
    const allow = createThrottle(20, 40);
    socket.use((packet, next) => {
      if (allow()) return next();
      const ack = packet[packet.length - 1];
      if (typeof ack === "function") ack({ ok: false, error: { code: "rate_limited" } });
    });
  });

  return io;
}

/** Ends every socket of a session, e.g. on logout (socket.io's express-session example). */
export function disconnectSession(io: IoServer, sessionId: string, reason: "logout" | "revoked"): void {
  io.to(sessionRoom(sessionId)).emit("session:ended", { reason });
  io.in(sessionRoom(sessionId)).disconnectSockets(true);
}

/** Ends every socket of a user, in every session (account disabled, roles changed, password reset). */
export function disconnectUser(io: IoServer, userId: number): void {
  io.to(userRoom(userId)).emit("session:ended", { reason: "revoked" });
  io.in(userRoom(userId)).disconnectSockets(true);
}

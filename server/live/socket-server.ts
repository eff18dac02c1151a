import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { parseCookies, SESSION_COOKIE } from "../auth/cookies";
import type { SessionService } from "../auth/sessions";
import { clientKey, createClientBudgets, type ClientBudgets } from "../http/client-budget";
import { clientAddress } from "../http/client-address";
import { isAllowedSocketOrigin } from "../http/origin";
import type { Logger } from "../log";
import { createThrottle } from "./command";
import { COMMAND_PAYLOAD_LIMIT, limitedParser, TOO_LARGE_EVENT, TRANSPORT_MESSAGE_LIMIT } from "./payload-limit";
import { recheckPrincipal } from "./principal-check";
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
export function createSocketServer(
  httpServer: HttpServer,
  deps: {
    sessions: SessionService;
    log: Logger;
    publicOrigin?: string;
    budgets?: ClientBudgets;
    trustProxy?: boolean;
    /** Whether an event is a command (handlers/index.ts): anything else is answered `unknown_command`. */
    isCommand: (event: unknown) => boolean;
    /** How many `rate_limited` answers a socket may run up (burst, refilling per second) before it is closed. */
    floodTolerance?: { burst: number; ratePerSecond: number };
  },
): IoServer {
  const budgets = deps.budgets ?? createClientBudgets();
  const io: IoServer = new Server(httpServer, {
    serveClient: false,
    // Commands over COMMAND_PAYLOAD_LIMIT are answered payload_too_large (payload-limit.ts); only a
    // message over this transport ceiling still ends the connection, unread.
    parser: limitedParser,
    maxHttpBufferSize: TRANSPORT_MESSAGE_LIMIT,
    allowRequest: (req, callback) => {
      const ok = isAllowedSocketOrigin(req.headers, deps.publicOrigin);
      if (!ok) deps.log.warn("socket handshake refused: foreign origin", { origin: req.headers.origin });
      callback(ok ? null : "forbidden_origin", ok);
    },
  });

  io.use((socket, next) => {
    const token = parseCookies(socket.request.headers.cookie)[SESSION_COOKIE];
    socket.data.principal = deps.sessions.validate(token);
    socket.data.address = clientAddress(socket.request.headers, socket.request.socket.remoteAddress, deps.trustProxy ?? false);
    // Anonymous sockets are capped per address: spectators cannot multiply their budget by opening more.
    if (socket.data.principal.kind === "anonymous") {
      if (!budgets.openAnonymousSocket(socket.data.address)) {
        deps.log.warn("socket refused: too many anonymous sockets from one address", { address: socket.data.address });
        return next(new Error("too_many_connections"));
      }
      socket.once("disconnect", () => budgets.closeAnonymousSocket(socket.data.address));
    }
    next();
  });

  io.on("connection", (socket) => {
    const p = socket.data.principal;
    if (p.kind !== "anonymous") void socket.join(sessionRoom(p.sessionId));
    if (p.kind === "user") void socket.join(userRoom(p.user.id));
    const key = clientKey(p, socket.data.address);

    // Every command is answered exactly once, whatever it is: refused by the socket's own throttle,
    // by the client's budget (all its sockets and HTTP requests), as too large or as unknown — or by
    // its handler (command.ts). The ack, if the client asked for one, is the packet's last element.
    const allow = createThrottle(20, 40);
    // A socket told `rate_limited` that keeps sending costs the event loop for every refusal (parse,
    // ack, write) and so delays everyone else's acks. Refusals have their own small budget: a client
    // that backs off, as ours does, never spends it; one that does not is told why and disconnected.
    const tolerance = deps.floodTolerance ?? FLOOD_TOLERANCE;
    const tolerate = createThrottle(tolerance.ratePerSecond, tolerance.burst);
    socket.use((packet, next) => {
      if (!socket.connected) return; // closed for flooding: what is still queued is dropped unread
      const ack = packet[packet.length - 1];
      const refuse = (code: string, details?: Record<string, unknown>) => {
        if (typeof ack === "function") ack({ ok: false, error: details ? { code, details } : { code } });
      };
      if (!allow() || !budgets.take(key)) {
        if (tolerate()) return refuse("rate_limited");
        deps.log.warn("socket closed: kept sending after rate_limited", { address: socket.data.address, principal: p.kind });
        socket.emit("connection:closing", { reason: "rate_limited" });
        socket.disconnect(true);
        return;
      }
      if (packet[0] === TOO_LARGE_EVENT) return refuse("payload_too_large", { limit: COMMAND_PAYLOAD_LIMIT });
      if (!deps.isCommand(packet[0])) return refuse("unknown_command");
      // The principal is checked again on every command: session, user and invitation still valid.
      if (!recheckPrincipal(socket, deps.sessions)) {
        refuse("session_ended");
        socket.emit("session:ended", { reason: "revoked" });
        socket.disconnect(true);
        return;
      }
      next();
    });
  });

  return io;
}

/**
 * Refusals a socket may run up before it is closed: 20 at once, 2 more each second. A client that
 * waits after `rate_limited` (app/live: it does not resend a refused command) never comes near it.
 */
export const FLOOD_TOLERANCE = { burst: 20, ratePerSecond: 2 };

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

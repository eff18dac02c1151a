import { parseCookies, SESSION_COOKIE } from "../auth/cookies";
import type { Principal } from "../auth/principal";
import type { SessionService } from "../auth/sessions";
import type { IoSocket } from "./socket-server";

/**
 * Who a socket is, checked again before every command (issue 12). The handshake's answer goes stale:
 * a session expires from inactivity, a user is disabled, an invitation is revoked or a party's access
 * ends after publication, roles change. Each command therefore re-runs the very check an HTTP request
 * runs, on the cookie the socket connected with (a handful of indexed lookups).
 *
 * Returns false when the socket's identity has ended (it is anonymous from then on): the caller refuses
 * the command, then tells the socket (`session:ended`) and disconnects it, so a client cannot keep acting — or keep receiving the
 * panel's rooms — as someone it no longer is. Issue 13 also disconnects sockets at the moment an admin
 * ends a session; this check covers every other way an identity ends.
 */
export function recheckPrincipal(socket: IoSocket, sessions: SessionService): boolean {
  const before = socket.data.principal;
  if (before.kind === "anonymous") return true;
  const token = parseCookies(socket.request.headers.cookie)[SESSION_COOKIE];
  const now: Principal = sessions.validate(token);
  if (now.kind === "anonymous" || now.sessionId !== before.sessionId) {
    socket.data.principal = { kind: "anonymous" };
    return false;
  }
  socket.data.principal = now; // roles and units as they are now
  return true;
}

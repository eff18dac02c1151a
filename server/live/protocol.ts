/**
 * The socket.io protocol, shared by server and client (type-only imports on the client).
 * Every client command carries an acknowledgement with either `{ ok: true, data }` or
 * `{ ok: false, error: { code } }`; codes are translated by the UI (errors.<code>).
 * Documented for people in docs/realtime.md — keep both in step.
 */
import type { Principal } from "../auth/principal";

export type AckError = { code: string; details?: Record<string, unknown> };
export type AckResult<T> = { ok: true; data: T } | { ok: false; error: AckError };
export type Ack<T> = (result: AckResult<T>) => void;

export type WhoAmI =
  | { kind: "user"; id: number; username: string; displayName: string; roles: string[] }
  | { kind: "invitee"; purpose: string; scopeId: number; label: string }
  | { kind: "spectator" };

export interface ClientToServerEvents {
  /** Who the server thinks this socket is. */
  "session:whoami": (payload: Record<string, never>, ack: Ack<WhoAmI>) => void;
}

export interface ServerToClientEvents {
  /** The session behind this socket ended (logout elsewhere); the socket is disconnected next. */
  "session:ended": (payload: { reason: "logout" | "revoked" }) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  principal: Principal;
  requestId: string;
}

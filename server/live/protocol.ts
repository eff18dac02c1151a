/**
 * The socket.io protocol, shared by server and client (type-only imports on the client).
 * Every client command carries an acknowledgement with either `{ ok: true, data }` or
 * `{ ok: false, error: { code } }`; codes are translated by the UI (errors.<code>).
 * Documented for people in docs/realtime.md — keep both in step.
 */
import type { Principal } from "../auth/principal";
import type { BallotCommands } from "../ballots/protocol";
import type { CouncilCommands } from "../councils/protocol";
import type { HearingCommands } from "../hearings/protocol";

export type AckError = { code: string; details?: Record<string, unknown> };
export type AckResult<T> = { ok: true; data: T } | { ok: false; error: AckError };
export type Ack<T> = (result: AckResult<T>) => void;

export type WhoAmI =
  | { kind: "user"; id: number; username: string; displayName: string; roles: string[] }
  | { kind: "invitee"; purpose: string; scopeId: number; label: string }
  | { kind: "spectator" };

export interface SessionCommands {
  /** Who the server thinks this socket is. */
  "session:whoami": (payload: Record<string, never>, ack: Ack<WhoAmI>) => void;
}

/** Each domain declares its commands in its own protocol.ts. */
export interface ClientToServerEvents extends SessionCommands, BallotCommands, HearingCommands, CouncilCommands {}

/**
 * Every broadcast to a room (a hearing, a council, a ballot's audience) has this envelope; `seq` is
 * the room's next number, so a client can detect a gap and ask for a snapshot. `type` names the
 * change; each domain documents its types and payloads in docs/realtime.md.
 */
export type RoomEvent = { room: string; seq: number; type: string; data: unknown };

export interface ServerToClientEvents {
  "room:event": (event: RoomEvent) => void;
  /** The session behind this socket ended (logout elsewhere); the socket is disconnected next. */
  "session:ended": (payload: { reason: "logout" | "revoked" }) => void;
  /**
   * The server is closing this socket, not the session: `rate_limited` — it kept sending after being
   * answered `rate_limited` (decision 032). The socket is disconnected next; the client may connect again.
   */
  "connection:closing": (payload: { reason: "rate_limited" }) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  principal: Principal;
  /** The client's network address (budgets; server/http/client-address.ts). */
  address: string;
}

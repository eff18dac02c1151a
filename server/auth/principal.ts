import type { InvitationPurpose, RoleName } from "../../db/schema";

/** A role held in a unit, with every unit it covers (the unit itself and everything under it). */
export type Grant = { role: RoleName; unitId: number; covers: number[] };

/** Who is making a request or holding a socket. */
export type SessionUser = {
  id: number;
  username: string;
  displayName: string;
  /** The distinct roles the user holds somewhere (for menus; permission checks use `grants`). */
  roles: RoleName[];
  /** The units the user holds a role in (every grant's unit). */
  unitIds: number[];
  /**
   * The roles held per unit (issue 13). Optional only so that a hand-built principal with `roles` and
   * `unitIds` keeps its old meaning (every role in every unit); sessions always fill it in.
   */
  grants?: Grant[];
  /** A temporary password: the user is sent to change it before anything else. */
  mustChangePassword?: boolean;
};

export type Invitee = {
  invitationId: string;
  purpose: InvitationPurpose;
  scopeId: number;
  subjectId: number;
  label: string;
};

export type Principal =
  | { kind: "user"; sessionId: string; user: SessionUser }
  | { kind: "invitee"; sessionId: string; invitee: Invitee }
  | { kind: "anonymous" };

export const anonymous: Principal = { kind: "anonymous" };

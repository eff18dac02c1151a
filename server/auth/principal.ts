import type { InvitationPurpose, RoleName } from "../../db/schema";

/** Who is making a request or holding a socket. */
export type SessionUser = {
  id: number;
  username: string;
  displayName: string;
  roles: RoleName[];
  /** Units (communities) the user acts for. */
  unitIds: number[];
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

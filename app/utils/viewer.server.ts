import type { AppLoadContext } from "@remix-run/node";
import { rolePermissions } from "../../server/auth/permissions";
import type { Viewer } from "./viewer";

export function getViewer(context: AppLoadContext): Viewer {
  const p = context.principal;
  if (p.kind === "user") {
    const permissions = [...new Set(p.user.roles.flatMap((r) => rolePermissions[r]))].sort();
    return { kind: "user", displayName: p.user.displayName, username: p.user.username, roles: p.user.roles, permissions };
  }
  if (p.kind === "invitee") return { kind: "invitee", label: p.invitee.label, purpose: p.invitee.purpose, scopeId: p.invitee.scopeId };
  return { kind: "anonymous" };
}

/** What the browser knows about who is looking: enough to choose navigation, never a secret. */
export type Viewer =
  | { kind: "user"; displayName: string; username: string; roles: string[]; permissions: string[] }
  | { kind: "invitee"; label: string; purpose: string; scopeId: number }
  | { kind: "anonymous" };

export function hasPermission(viewer: Viewer, permission: string): boolean {
  if (viewer.kind !== "user") return false;
  const [action, entity] = permission.split(":");
  return viewer.permissions.some((p) => p.startsWith(`${action}:${entity}:`));
}

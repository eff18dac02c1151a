/**
 * Which permission each administration and account route requires (issue 13): the authorization
 * matrix as data. docs/permissions.md is generated from it and tests/admin/route-matrix.test.ts requests
 * every row as every demo role, so a route that forgets its guard — or a row that drifts from the
 * route — fails a test. `signed-in` means any account; `token` means the one-time link is the authority.
 */
export type RouteRule = { path: string; methods: ("GET" | "POST")[]; requires: string; note: string };

export const routePermissions: readonly RouteRule[] = [
  { path: "/admin", methods: ["GET", "POST"], requires: "manage:user:any", note: "list, search and create accounts" },
  { path: "/admin/users/:id", methods: ["GET", "POST"], requires: "manage:user:any", note: "edit, disable, enable, reset password, unlock, grant and revoke roles" },
  { path: "/admin/units", methods: ["GET", "POST"], requires: "manage:unit:any", note: "create, rename, move, retire and restore units" },
  { path: "/admin/audit", methods: ["GET"], requires: "read:audit:any", note: "the administration audit log" },
  { path: "/admin/audit.csv", methods: ["GET"], requires: "read:audit:any", note: "the audit log as CSV" },
  { path: "/manage/pool/slips", methods: ["GET", "POST"], requires: "manage:pool:own", note: "issue and print activation slips (the community's own representatives only)" },
  { path: "/me/password", methods: ["GET", "POST"], requires: "signed-in", note: "change one's own password" },
  { path: "/me/sessions", methods: ["GET", "POST"], requires: "signed-in", note: "one's own sessions; end any or all" },
  { path: "/set-password/:token", methods: ["GET", "POST"], requires: "token", note: "a one-time set-password link" },
  { path: "/activate", methods: ["GET", "POST"], requires: "token", note: "an activation slip's short code (throttled per address)" },
  { path: "/activate/:token", methods: ["GET", "POST"], requires: "token", note: "an activation slip's QR link" },
  { path: "/setup/:token", methods: ["GET", "POST"], requires: "token", note: "first-run setup; only while no administrator exists" },
];

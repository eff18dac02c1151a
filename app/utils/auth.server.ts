import { redirect, type AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "../../server/auth/principal";
import { userCan } from "../../server/auth/permissions";

/**
 * Guards for the top of loaders and actions (Epic Stack style): they return the user or throw a
 * redirect/response, so a route cannot forget to check.
 */
export function requireUser(context: AppLoadContext, request: Request): SessionUser {
  if (context.principal.kind === "user") return context.principal.user;
  const url = new URL(request.url);
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

export function requireUserWithPermission(
  context: AppLoadContext,
  request: Request,
  permission: string,
  unitId?: number,
): SessionUser {
  const user = requireUser(context, request);
  if (!userCan(user, permission, unitId)) throw new Response("forbidden", { status: 403 });
  return user;
}

/** Only same-site paths are followed after login, never an attacker's URL (see safe-redirect.ts). */
export { safeRedirect } from "./safe-redirect";

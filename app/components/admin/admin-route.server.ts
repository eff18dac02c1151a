import type { AppLoadContext } from "@remix-run/node";
import { requireUserWithPermission } from "~/utils/auth.server";
import { publicOrigin } from "~/utils/share.server";

/** Every /admin loader and action starts here; the services check `manage:user:any` etc. again. */
export function requireAdmin(context: AppLoadContext, request: Request, permission = "manage:user:any") {
  return requireUserWithPermission(context, request, permission);
}

/** A one-time set-password link as the administrator hands it over (absolute, the site's public origin). */
export function setPasswordLink(context: AppLoadContext, request: Request, link: { token: string; expiresAt: Date }) {
  return { url: `${publicOrigin(context, request)}/set-password/${link.token}`, expiresAt: link.expiresAt.toISOString() };
}

/** A positive id from the URL or a form; anything else is a 404 (never a 500). */
export function idParam(value: unknown): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new Response("not found", { status: 404 });
  return id;
}

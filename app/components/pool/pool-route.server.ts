import { data, type AppLoadContext } from "@remix-run/node";
import type { ZodError } from "zod";
import { isDomainError } from "../../../server/errors";
import { requireUserWithPermission } from "~/utils/auth.server";
import { errorResponse } from "~/utils/respond.server";
import { zodFieldMessages, type FieldMessage, type FormResult } from "./form-result";

/**
 * Guards and error mapping shared by the pool's routes. Every loader and action starts with one of the
 * guards; the services check the same permission again for the community concerned.
 */

export const POOL_PERMISSION = "manage:pool:own";

/**
 * The community whose pool the page shows: `?community=` if the mediator manages it, else their first.
 * Anonymous → login; no pool permission, or a community they do not manage → 403.
 */
export function requirePoolCommunity(context: AppLoadContext, request: Request) {
  requireUserWithPermission(context, request, POOL_PERMISSION);
  const communities = context.services.pool.communities(context.principal).map((c) => ({ id: c.id, name: c.name }));
  if (communities.length === 0) throw new Response("forbidden", { status: 403 });
  const asked = new URL(request.url).searchParams.get("community");
  const community = asked === null ? communities[0] : communities.find((c) => String(c.id) === asked);
  if (!community) throw new Response("forbidden", { status: 403 });
  return { community, communities };
}

/** A representative's id from the URL, after the base permission check; the service checks the community. */
export function requireRepresentativeId(context: AppLoadContext, request: Request, param: string | undefined): number {
  requireUserWithPermission(context, request, POOL_PERMISSION);
  const id = Number(param);
  if (!Number.isInteger(id) || id <= 0) throw new Response("not found", { status: 404 });
  return id;
}

export function invalidForm(intent: string, error: ZodError) {
  return data<FormResult>({ intent, fieldErrors: zodFieldMessages(error), formError: null }, { status: 400 });
}

/**
 * Runs an action body. A DomainError naming a field is shown beside that field, any other beside the
 * form; a service's zod refusal, forbidden and not found become 400 / 403 / 404 as in a loader
 * (errorResponse). Anything else is a bug: it propagates.
 */
export async function poolAction(intent: string, body: () => Response | Promise<Response>) {
  try {
    return await body();
  } catch (err) {
    const response = errorResponse(err);
    if (response) throw response;
    if (!isDomainError(err)) throw err;
    const details = (err.details ?? {}) as Record<string, string | number | boolean | null>;
    const message: FieldMessage =
      err.code === "invalid_input"
        ? { key: `pool.validation.${/^[a-z_]+$/.test(String(details.reason)) ? String(details.reason) : "invalid"}` }
        : { key: `errors.${err.code}`, values: details };
    const field = typeof details.field === "string" ? details.field : null;
    const result: FormResult = { intent, fieldErrors: field ? { [field]: message } : {}, formError: field ? null : message };
    return data(result, { status: 400 });
  }
}

import { isDomainError } from "../../server/errors";

/**
 * What a loader answers when a service refuses: the caller's mistakes become the matching 4xx page,
 * never a 500. One mapping for every route (it was written out in the pool's and the councils' routes).
 *  - a service's own zod schema refusing the input (e.g. a query string) → 400;
 *  - `forbidden` / `unauthenticated` → 403;
 *  - `not_found` or any `<thing>_not_found` (`council_not_found`, `user_not_found`…) → 404.
 * Anything else is a bug and gives null: the caller lets it propagate to the error boundary and the log.
 * Checked by name, not instanceof: the server bundle and the Remix bundle may each carry their own zod.
 */
export function errorResponse(err: unknown): Response | null {
  if ((err as { name?: string } | null)?.name === "ZodError") return new Response("bad request", { status: 400 });
  if (!isDomainError(err)) return null;
  if (err.code === "forbidden" || err.code === "unauthenticated") return new Response("forbidden", { status: 403 });
  if (err.code === "not_found" || err.code.endsWith("_not_found")) return new Response("not found", { status: 404 });
  return null;
}

/** Runs a loader body; a refusal errorResponse knows is thrown as its HTTP response, anything else as it is. */
export function orRespond<T>(body: () => T): T {
  try {
    return body();
  } catch (err) {
    throw errorResponse(err) ?? err;
  }
}

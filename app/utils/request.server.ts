import { z } from "zod";

/**
 * Reading what a request carries, where bad input must be a 4xx answer and never a 500 (issue 14,
 * item 10): a body that is not a form (no content type, JSON, broken multipart) and a path
 * parameter that is not a positive id.
 */

/** The request's form; anything else is a 400 that changes nothing. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("bad_form", { status: 400, statusText: "Bad Request" });
  }
}

/** A positive integer id from the URL; anything else is a 404 (no such page). */
export function idParam(raw: string | undefined): number {
  const parsed = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).safeParse(raw);
  if (!parsed.success) throw new Response("not found", { status: 404 });
  return parsed.data;
}

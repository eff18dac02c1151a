import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { isDomainError } from "../../server/errors";

/** Loads a hearing snapshot for the viewer, turning an unknown id into a 404. */
export function loadHearingSnapshot(context: AppLoadContext, rawId: string | undefined) {
  const parsed = z.coerce.number().int().positive().safeParse(rawId);
  if (!parsed.success) throw new Response("not found", { status: 404 });
  try {
    return context.services.hearings.views.snapshot(context.principal, parsed.data);
  } catch (err) {
    if (isDomainError(err) && err.code === "hearing_not_found") throw new Response("not found", { status: 404 });
    throw err;
  }
}

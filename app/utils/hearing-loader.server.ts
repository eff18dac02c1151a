import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { orRespond } from "./respond.server";

/** Loads a hearing snapshot for the viewer, turning an unknown id into a 404 (and refusals into their 4xx). */
export function loadHearingSnapshot(context: AppLoadContext, rawId: string | undefined) {
  const parsed = z.coerce.number().int().positive().safeParse(rawId);
  if (!parsed.success) throw new Response("not found", { status: 404 });
  return orRespond(() => context.services.hearings.views.snapshot(context.principal, parsed.data));
}

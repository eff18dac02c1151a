import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";

/** The draw record (everything needed to recompute the panel), public once the panel is drawn. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const hearingId = z.coerce.number().int().positive().safeParse(params.id);
  if (!hearingId.success) throw new Response("not found", { status: 404 });
  const record = context.services.hearings.draw.record(hearingId.data);
  if (!record) throw new Response("not found", { status: 404 });
  return Response.json(record, { headers: { "Cache-Control": "no-cache", "Content-Disposition": `inline; filename="hearing-${hearingId.data}-draw.json"` } });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";

/**
 * The hash-chained record of a published hearing, at a stable URL. `npm run verify -- <this URL>`
 * checks every link. Only published hearings: the record of a live hearing is not public yet.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const hearingId = z.coerce.number().int().positive().safeParse(params.id);
  if (!hearingId.success) throw new Response("not found", { status: 404 });
  const hearing = context.services.hearings.lifecycle.listPublic().find((h) => h.id === hearingId.data);
  if (!hearing || hearing.status !== "published") throw new Response("not found", { status: 404 });
  return Response.json(context.services.ledger.record("hearing", hearing.id), {
    headers: { "Cache-Control": "public, max-age=60", "Content-Disposition": `inline; filename="hearing-${hearing.id}-record.json"` },
  });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { idParam } from "~/components/council/council-route.server";
import { orRespond } from "~/utils/respond.server";

/**
 * The hash-chained record of a council that has ended (or was cancelled after its notice), at a stable URL; `npm run verify -- <URL>`
 * checks every link. It keeps growing after the meeting: resolutions, their publication, progress
 * updates and follow-ups are appended to the same chain. A live council's record is not public yet.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const councilId = idParam(params.id);
  const council = orRespond(() => context.services.councils.views.snapshot(context.principal, councilId).council);
  // Ended, or cancelled after its notice was public: the record is final (a resolution may still extend it).
  const closed = council.status === "resolved" || (council.status === "cancelled" && council.announcedAt !== null);
  if (!closed) throw new Response("not found", { status: 404 });
  return Response.json(context.services.ledger.record("council", council.id), {
    headers: { "Cache-Control": "no-cache", "Content-Disposition": `inline; filename="council-${council.id}-record.json"` },
  });
}

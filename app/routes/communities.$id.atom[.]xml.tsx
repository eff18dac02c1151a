import type { LoaderFunctionArgs } from "@remix-run/node";
import { feedResponse } from "~/components/portal/feed.server";

/** /communities/<id>/atom.xml: one community's publications (a path, so caches need no query string). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const id = Number.parseInt(params.id ?? "", 10);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("not found", { status: 404 });
  return feedResponse(request, context, "atom", id);
}

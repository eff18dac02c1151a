import type { LoaderFunctionArgs } from "@remix-run/node";
import { feedResponse } from "~/components/portal/feed.server";

/** /rss.xml: the same feed as /atom.xml in RSS 2.0, for readers that only know RSS. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return feedResponse(request, context, "rss");
}

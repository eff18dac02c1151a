import type { LoaderFunctionArgs } from "@remix-run/node";
import { feedResponse } from "~/components/portal/feed.server";

/** /atom.xml: the Atom feed of every new ruling and resolution (?community=<id> for one community). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return feedResponse(request, context, "atom");
}

import type { AppLoadContext } from "@remix-run/node";
import { PublicationFilter } from "../../../server/portal/publications";

/** Public pages may be a little old for anonymous visitors (page cache, varying by the prefs cookie). */
export function publicCacheControl(context: AppLoadContext, maxAge = 30): string {
  return context.principal.kind === "anonymous" ? `public, max-age=${maxAge}` : "private, no-cache";
}

/** The list filters from a URL's query (bad values are ignored, never an error page). */
export function filterFrom(url: URL, kind?: "ruling" | "resolution") {
  const q = url.searchParams;
  return PublicationFilter.parse({
    kind: kind ?? (q.get("kind") || undefined),
    communityId: q.get("community") || undefined,
    outcome: q.get("outcome") || undefined,
    from: q.get("from") || undefined,
    to: q.get("to") || undefined,
    page: q.get("page") ?? 1,
  });
}

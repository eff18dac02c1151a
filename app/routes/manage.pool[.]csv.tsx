import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePoolCommunity } from "~/components/pool/pool-route.server";
import { orRespond } from "~/utils/respond.server";

/**
 * GET /manage/pool.csv?community=<id>: the community's pool as CSV (a resource route, no page).
 * UTF-8 with a BOM so Excel shows the Chinese; the format is documented in docs/pool-csv.md.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { community } = requirePoolCommunity(context, request);
  const { filename, csv } = orRespond(() => context.services.pool.exportCsv(context.principal, community.id));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      // RFC 6266: an ASCII fallback plus the UTF-8 name for browsers that read filename*.
      "Content-Disposition": `attachment; filename="pool-${community.id}.csv"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "no-store",
    },
  });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { orRespond } from "~/utils/respond.server";
import { requireUserWithPermission } from "~/utils/auth.server";

/**
 * GET /manage/matters.csv?<the list's filters>: the ledger as CSV (a resource route, no page).
 * UTF-8 with a BOM and CRLF, so Excel and WPS show the Chinese; formula-like cells are neutralised.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireUserWithPermission(context, request, "manage:matter:own");
  const filter = Object.fromEntries(new URL(request.url).searchParams);
  const csv = orRespond(() => context.services.matters.exportCsv(context.principal, filter));
  const day = new Date(context.services.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const filename = `事项台账-${day}.csv`;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="matters-${day}.csv"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "no-store",
    },
  });
}

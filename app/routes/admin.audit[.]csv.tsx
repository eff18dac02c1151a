import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/components/admin/admin-route.server";

/** GET /admin/audit.csv: the whole administration audit log (UTF-8 with BOM, formula-safe cells). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAdmin(context, request, "read:audit:any");
  const day = context.services.clock.now().toISOString().slice(0, 10);
  return new Response(context.services.audit.csv(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

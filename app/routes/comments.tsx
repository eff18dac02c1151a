import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { handleDomainErrors } from "~/utils/domain-action.server";
import { readForm } from "~/utils/request.server";

export async function loader() {
  throw redirect("/");
}

/**
 * A public comment (留言) on a ruling or resolution: anyone may post, the portal's comment service
 * checks length, honeypot, notice period and the per-client rate limit, and stores it for moderation.
 * With JavaScript the page stays; without it the browser returns to the page's comment section.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await readForm(request));
  const accept = request.headers.get("accept") ?? "";
  return handleDomainErrors(() => {
    context.services.portal.comments.submit(form, context.clientAddress);
    const back = form.kind === "ruling" ? `/hearings/${Number(form.id)}` : `/resolutions/${Number(form.id)}`;
    // A plain form post (no script) asks for HTML: send the reader back to the page.
    if (accept.includes("text/html")) return redirect(`${back}?comment=sent#comments`, 303);
    return data({ ok: true as const });
  });
}

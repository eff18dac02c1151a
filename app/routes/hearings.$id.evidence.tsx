import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { isDomainError } from "../../server/errors";
import { readForm } from "~/utils/request.server";

/**
 * Evidence upload (multipart). Streams the file part to disk through the exhibit store — hashing it,
 * enforcing the size limit and checking its type by content — then records the exhibit.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const hearingId = z.coerce.number().int().positive().safeParse(params.id);
  if (!hearingId.success) return Response.json({ error: { code: "hearing_not_found" } }, { status: 404 });
  const { hearings } = context.services;
  try {
    hearings.evidence.assertCanSubmit(context.principal, hearingId.data);
    const contentType = request.headers.get("content-type") ?? "";
    if (!contentType.startsWith("multipart/form-data")) return Response.json({ error: { code: "invalid_input" } }, { status: 400 });
    const declared = Number(request.headers.get("content-length") ?? 0);
    if (declared > hearings.exhibitStore.limitBytes + 64 * 1024)
      return Response.json({ error: { code: "file_too_large", details: { limitMb: Math.round(hearings.exhibitStore.limitBytes / 1048576) } } }, { status: 413 });
    // The body is bounded above, so the platform's parser may hold it; the store then streams it to disk.
    const form = await readForm(request);
    const file = form.get("file");
    if (!(file instanceof Blob)) return Response.json({ error: { code: "invalid_input" } }, { status: 400 });
    const stored = await hearings.exhibitStore.save(file.stream() as unknown as AsyncIterable<Uint8Array>);
    const exhibit = hearings.evidence.submit(context.principal, { hearingId: hearingId.data, title: String(form.get("title") ?? ""), visibility: form.get("visibility") === "public" ? "public" : "panel" }, stored);
    return Response.json({ ok: true, exhibit: { id: exhibit.id, sha256: exhibit.sha256, mime: exhibit.mime } });
  } catch (err) {
    if (isDomainError(err)) return Response.json({ error: { code: err.code, details: err.details } }, { status: err.code === "forbidden" ? 403 : 400 });
    if (err instanceof z.ZodError) return Response.json({ error: { code: "invalid_input" } }, { status: 400 });
    throw err;
  }
}

export async function loader() {
  throw new Response("not found", { status: 404 });
}

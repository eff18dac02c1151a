import fs from "node:fs";
import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { z } from "zod";

/** Serves an exhibit's file to those allowed to see it; the name is its SHA-256, so it never changes. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const parsed = z.object({ id: z.coerce.number().int().positive(), sha: z.string().regex(/^[0-9a-f]{64}$/) }).safeParse(params);
  if (!parsed.success) throw new Response("not found", { status: 404 });
  const { hearings } = context.services;
  let allowed = false;
  try {
    allowed = hearings.evidence.canDownload(context.principal, parsed.data.id, parsed.data.sha);
  } catch {
    allowed = false;
  }
  if (!allowed) throw new Response("not found", { status: 404 });
  const exhibit = hearings.evidence.list(parsed.data.id, "panel").find((e) => e.sha256 === parsed.data.sha)!;
  const file = hearings.exhibitStore.pathOf(parsed.data.sha);
  const stream = createReadableStreamFromReadable(fs.createReadStream(file) as Readable);
  return new Response(stream, {
    headers: {
      "Content-Type": exhibit.mime,
      "Content-Length": String(exhibit.size),
      "Cache-Control": "private, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    },
  });
}

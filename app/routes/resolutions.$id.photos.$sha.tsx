import fs from "node:fs";
import type { Readable } from "node:stream";
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { sniffMime } from "../../server/hearings/exhibit-store";
import { PHOTO_TYPES } from "../../server/councils/implementation";

/**
 * A progress photo of a published resolution (public, like the page that shows it). The name is its
 * SHA-256, so it never changes; the type is read from its first bytes, as when it was accepted.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const parsed = z.object({ id: z.coerce.number().int().positive(), sha: z.string().regex(/^[0-9a-f]{64}$/) }).safeParse(params);
  if (!parsed.success) throw new Response("not found", { status: 404 });
  const { councils } = context.services;
  if (!councils.implementation.hasPhoto(parsed.data.id, parsed.data.sha)) throw new Response("not found", { status: 404 });
  const file = councils.photoStore.pathOf(parsed.data.sha);
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, "r");
  fs.readSync(fd, head, 0, 16, 0);
  fs.closeSync(fd);
  const mime = sniffMime(head);
  if (!mime || !PHOTO_TYPES.includes(mime)) throw new Response("not found", { status: 404 });
  const stream = createReadableStreamFromReadable(fs.createReadStream(file) as Readable);
  return new Response(stream, {
    headers: {
      "Content-Type": mime,
      "Content-Length": String(fs.statSync(file).size),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    },
  });
}

import { Transform, type TransformCallback } from "node:stream";
import { MAX_PHOTOS } from "../councils/implementation";

/** Forms (login, every console form): far above any legitimate one, far below what hurts the server. */
export const FORM_BODY_LIMIT = 256 * 1024;
/** Room for the multipart framing and the other fields around an upload. */
const MULTIPART_OVERHEAD = 64 * 1024;
/** The pool's CSV import (app/components/pool/csv-upload.server.ts IMPORT_LIMIT_BYTES). */
const CSV_IMPORT_LIMIT = 2 * 1024 * 1024;

/**
 * The largest body a request may send to `pathname`, counted on the bytes actually read (chunked or
 * not). Every route has one: uploads at UPLOAD_LIMIT_MB, the CSV import at its own, every other form small.
 * A new upload route needs its line here (tests/security/body-limits.test.ts lists them).
 */
export function bodyLimitFor(pathname: string, uploadLimitBytes: number): number {
  if (/^\/hearings\/[^/]+\/evidence\/?$/.test(pathname)) return uploadLimitBytes + MULTIPART_OVERHEAD;
  if (/^\/resolutions\/[^/]+\/?$/.test(pathname)) return MAX_PHOTOS * uploadLimitBytes + MULTIPART_OVERHEAD;
  if (/^\/manage\/pool\/import\/?$/.test(pathname)) return CSV_IMPORT_LIMIT + MULTIPART_OVERHEAD;
  return FORM_BODY_LIMIT;
}

export class PayloadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
    this.name = "PayloadTooLargeError";
  }
}

/**
 * Passes the body through while counting it; one byte past `limit` it fails with PayloadTooLargeError
 * and passes nothing more. The reader (Remix's formData parser) then sees an error, never a complete
 * body, so an oversized request cannot be half-stored.
 */
export function limitedBody(limit: number, onOverflow: (err: PayloadTooLargeError) => void): Transform {
  let read = 0;
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback) {
      read += chunk.length;
      if (read > limit) {
        const err = new PayloadTooLargeError(limit);
        onOverflow(err);
        return callback(err);
      }
      callback(null, chunk);
    },
  });
}

import {
  createReadableStreamFromReadable,
  createRequestHandler as createRemixRequestHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import type { Transform } from "node:stream";
import type { NextFunction, Request, Response } from "express";
import { bodyLimitFor, PayloadTooLargeError, limitedBody } from "./body-limit";

/**
 * @remix-run/express's request handler, except that the body Remix reads is bounded (body-limit.ts):
 * a declared Content-Length over the route's limit is refused before a byte is read, and a body that
 * grows past it while streaming (chunked, or lying about its length) is cut off with a 413. Remix's
 * parser then gets an error, never a complete body, so nothing is stored; its late answer is dropped.
 */
export function createBoundedRequestHandler(opts: {
  build: ServerBuild;
  mode: string;
  uploadLimitBytes: number;
  getLoadContext: (req: Request, res: Response) => AppLoadContext;
}) {
  const handleRequest = createRemixRequestHandler(opts.build, opts.mode);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const limit = bodyLimitFor(req.path, opts.uploadLimitBytes);
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      if (hasBody && Number(req.get("content-length") ?? 0) > limit) return tooLarge(req, res, limit);
      const controller = new AbortController();
      let done = false;
      res.on("finish", () => (done = true));
      res.on("close", () => !done && controller.abort());
      const init: RequestInit & { duplex?: "half" } = { method: req.method, headers: createRemixHeaders(req.headers), signal: controller.signal };
      if (hasBody) {
        const bounded = req.pipe(
          limitedBody(limit, () => {
            tooLarge(req, res, limit);
            // The request is over for Remix too: an aborted request's failure is not an error to log.
            controller.abort();
          }),
        );
        init.body = createReadableStreamFromReadable(bounded);
        init.duplex = "half";
        res.once("finish", () => discardUnread(req, res, bounded, limit));
      }
      const response = await handleRequest(new Request(fullUrl(req), init as RequestInit), opts.getLoadContext(req, res));
      if (res.headersSent) return; // answered 413 already
      await sendRemixResponse(res, response);
    } catch (error) {
      if (res.headersSent && (error instanceof PayloadTooLargeError || controllerAborted(error))) return;
      next(error);
    }
  };
}

/**
 * A route may answer without reading the body (a redirect to the login page, a refusal). The rest of
 * it would then stay in the connection, and the client's next request on it would wait behind it
 * until the keep-alive timeout reset the connection. Read it and throw it away, as Node does for a
 * body nobody piped, still bounded: past the limit the connection is closed instead.
 */
function discardUnread(req: Request, res: Response, bounded: Transform, limit: number): void {
  // A 413 closes the connection and drains in its own lingering close (tooLarge).
  if (req.complete || req.destroyed || res.statusCode === 413) return;
  req.unpipe(bounded);
  discard(req, limit);
}

/** Reads the rest of a request body and drops it; one byte past `limit` the connection is destroyed. */
function discard(req: Request, limit: number): void {
  let discarded = 0;
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limit) req.destroy();
  });
  req.resume();
}

/** How long a connection closed after a 413 keeps reading what the client still sends. */
const LINGER_MS = 2000;

/**
 * A lingering close, as nginx does it: the answer goes out with a FIN, and whatever the client was still
 * sending is read and dropped for a moment (at most LINGER_MS and `limit` bytes) before the socket is
 * destroyed. Destroyed at once with unread bytes in it, the socket answers with a reset, and a reset can
 * make the client's system discard the 413 before the client has read it (seen in CI: a 30 MB upload got
 * no answer at all).
 */
function lingeringClose(req: Request, limit: number): void {
  const socket = req.socket;
  if (socket.destroyed) return;
  // Node's HTTP server ends a `connection: close` socket with destroySoon(), which destroys it as soon as
  // the FIN is out (a once-listener on the socket's "finish", added before this "finish" of the response
  // runs). The socket is ended already; only that destroy is taken back, and done below instead.
  socket.removeListener("finish", socket.destroy);
  socket.end();
  req.unpipe();
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once("close", () => clearTimeout(timer));
  if (req.complete) return;
  discard(req, limit);
}

function createRemixHeaders(incoming: Request["headers"]): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(incoming)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const v of values) headers.append(key, v);
    else headers.set(key, values);
  }
  return headers;
}

async function sendRemixResponse(res: Response, response: globalThis.Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

function controllerAborted(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

function fullUrl(req: Request): string {
  const host = req.get("host") ?? "localhost";
  return `${req.protocol}://${host}${req.originalUrl}`;
}

/** 413 with a clear message (JSON for fetch callers), then the connection closes: the rest is not read. */
function tooLarge(req: Request, res: Response, limit: number): void {
  if (res.headersSent) return;
  const limitKb = Math.floor(limit / 1024);
  res.status(413).setHeader("connection", "close");
  if ((req.get("accept") ?? "").includes("application/json") || req.path.endsWith("/evidence"))
    res.json({ error: { code: "payload_too_large", details: { limitBytes: limit } } });
  else res.type("text/plain; charset=utf-8").send(`请求内容过大，上限 ${limitKb} KB，未保存任何内容。\nRequest too large: the limit is ${limitKb} KB; nothing was stored. (payload_too_large)`);
  // Once the answer is out the connection closes; the rest of the upload is not stored, only drained a moment.
  res.once("finish", () => lingeringClose(req, limit));
}

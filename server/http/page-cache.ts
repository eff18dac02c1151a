import type { NextFunction, Request, Response } from "express";
import { parseCookies, SESSION_COOKIE } from "../auth/cookies";

type Entry = { status: number; headers: Record<string, string>; body: Buffer; nonce: string; expires: number };

/** The whole cache's bound, in bytes of stored bodies: old entries are evicted first (least recently used). */
export const PAGE_CACHE_MAX_BYTES = 32 * 1024 * 1024;
/** A page larger than this is not kept (a page, not a file). */
const MAX_ENTRY_BYTES = 1024 * 1024;
/** Only pages: uploads (photos, exhibits) and downloads are streamed from disk, never held here. */
const CACHEABLE_TYPES = /^(text\/html|application\/json)\b/;

/**
 * An in-memory cache for pages a route marks `Cache-Control: public, max-age=N` (a published ruling,
 * the home page), served to anonymous visitors only: a signed-in person's page carries their name and
 * role. Each response still gets its own CSP nonce — the cached HTML's nonce is replaced by the fresh
 * one, which is a unique random string, so the replacement cannot touch anything else.
 *
 * Why in the process and not in a proxy: the deployment is one process on the street office's server
 * (DESIGN.md §5), and a published page is rendered once instead of on every visit (docs/performance.md).
 */
export function createPageCache(opts: { maxBytes?: number } = {}) {
  const maxBytes = opts.maxBytes ?? PAGE_CACHE_MAX_BYTES;
  // A Map iterates in insertion order: re-inserting on a hit makes the first key the least recently used.
  const entries = new Map<string, Entry>();
  let bytes = 0;

  const remove = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    bytes -= e.body.length;
    entries.delete(key);
  };

  const keyOf = (req: Request) => {
    const cookies = parseCookies(req.headers.cookie);
    if (cookies[SESSION_COOKIE]) return null; // signed in: personal page
    // A query string bypasses the cache: `?v=1`, `?v=2`… must not each take a new entry, and Remix's
    // `?_data=` requests are another response for the same path.
    if (req.originalUrl.includes("?")) return null;
    return `${req.path}\u0000${cookies.civic_prefs ?? ""}`;
  };

  return function pageCache(req: Request, res: Response, next: NextFunction) {
    if (req.method !== "GET") return next();
    const key = keyOf(req);
    if (!key) return next();
    const nonce = (res.locals as { nonce: string }).nonce;
    const hit = entries.get(key);
    if (hit && hit.expires <= Date.now()) remove(key);
    else if (hit) {
      entries.delete(key);
      entries.set(key, hit);
      res.status(hit.status);
      for (const [name, value] of Object.entries(hit.headers)) res.setHeader(name, value.split(hit.nonce).join(nonce));
      res.setHeader("x-page-cache", "hit");
      res.end(Buffer.from(hit.body.toString("utf8").split(hit.nonce).join(nonce), "utf8"));
      return;
    }

    // Capture what Remix writes (before compression, which wraps these same methods earlier).
    // Captured only while it can still be kept: a file streamed through here is never buffered.
    let chunks: Buffer[] | null = [];
    let captured = 0;
    const capture = (chunk: unknown) => {
      if (!chunks || !chunk || typeof chunk === "function") return;
      const buf = Buffer.from(chunk as Buffer);
      captured += buf.length;
      if (captured > MAX_ENTRY_BYTES || !CACHEABLE_TYPES.test(String(res.getHeader("content-type") ?? ""))) chunks = null;
      else chunks.push(buf);
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      capture(chunk);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      capture(chunk);
      const maxAge = /(?:^|,)\s*public\s*,.*max-age=(\d+)/.exec(String(res.getHeader("cache-control") ?? ""))?.[1];
      const type = String(res.getHeader("content-type") ?? "");
      if (chunks && res.statusCode === 200 && maxAge && Number(maxAge) > 0 && !res.getHeader("set-cookie") && CACHEABLE_TYPES.test(type)) {
        const body = Buffer.concat(chunks);
        if (body.length <= Math.min(MAX_ENTRY_BYTES, maxBytes)) {
          remove(key);
          while (bytes + body.length > maxBytes && entries.size > 0) remove(entries.keys().next().value as string);
          const headers: Record<string, string> = {};
          for (const name of ["content-type", "content-security-policy", "cache-control", "vary"]) {
            const v = res.getHeader(name);
            if (v !== undefined) headers[name] = String(v);
          }
          entries.set(key, { status: 200, headers, body, nonce, expires: Date.now() + Number(maxAge) * 1000 });
          bytes += body.length;
        }
      }
      return end(chunk, ...rest);
    }) as typeof res.end;
    next();
  };
}

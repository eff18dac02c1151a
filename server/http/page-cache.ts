import type { NextFunction, Request, Response } from "express";
import { parseCookies, SESSION_COOKIE } from "../auth/cookies";

type Entry = { status: number; headers: Record<string, string>; body: Buffer; nonce: string; expires: number };

const MAX_ENTRIES = 500;

/**
 * An in-memory cache for pages a route marks `Cache-Control: public, max-age=N` (a published ruling,
 * the home page), served to anonymous visitors only: a signed-in person's page carries their name and
 * role. Each response still gets its own CSP nonce — the cached HTML's nonce is replaced by the fresh
 * one, which is a unique random string, so the replacement cannot touch anything else.
 *
 * Why in the process and not in a proxy: the deployment is one process on the street office's server
 * (DESIGN.md §5), and a published page is rendered once instead of on every visit (docs/performance.md).
 */
export function createPageCache() {
  const entries = new Map<string, Entry>();

  const keyOf = (req: Request) => {
    const cookies = parseCookies(req.headers.cookie);
    if (cookies[SESSION_COOKIE]) return null; // signed in: personal page
    return `${req.originalUrl}\u0000${cookies.civic_prefs ?? ""}`;
  };

  return function pageCache(req: Request, res: Response, next: NextFunction) {
    if (req.method !== "GET") return next();
    const key = keyOf(req);
    if (!key) return next();
    const nonce = (res.locals as { nonce: string }).nonce;
    const hit = entries.get(key);
    if (hit && hit.expires > Date.now()) {
      res.status(hit.status);
      for (const [name, value] of Object.entries(hit.headers)) res.setHeader(name, value.split(hit.nonce).join(nonce));
      res.setHeader("x-page-cache", "hit");
      res.end(Buffer.from(hit.body.toString("utf8").split(hit.nonce).join(nonce), "utf8"));
      return;
    }

    // Capture what Remix writes (before compression, which wraps these same methods earlier).
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (chunk) chunks.push(Buffer.from(chunk as Buffer));
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk && typeof chunk !== "function") chunks.push(Buffer.from(chunk as Buffer));
      const maxAge = /(?:^|,)\s*public\s*,.*max-age=(\d+)/.exec(String(res.getHeader("cache-control") ?? ""))?.[1];
      if (res.statusCode === 200 && maxAge && Number(maxAge) > 0 && !res.getHeader("set-cookie")) {
        if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
        const headers: Record<string, string> = {};
        for (const name of ["content-type", "content-security-policy", "cache-control", "vary"]) {
          const v = res.getHeader(name);
          if (v !== undefined) headers[name] = String(v);
        }
        entries.set(key, { status: 200, headers, body: Buffer.concat(chunks), nonce, expires: Date.now() + Number(maxAge) * 1000 });
      }
      return end(chunk, ...rest);
    }) as typeof res.end;
    next();
  };
}

import type { IncomingHttpHeaders } from "node:http";

/**
 * CSRF defence from the Lucia guide: a state-changing request must come from our own origin.
 * Browsers send `Origin` on every non-GET request and on websocket handshakes, and modern ones
 * send `Sec-Fetch-Site`. A request that says it is cross-site is refused.
 */
export function isSameOrigin(headers: IncomingHttpHeaders, publicOrigin?: string): boolean {
  const site = headers["sec-fetch-site"];
  if (site === "cross-site" || site === "same-site") return false;
  const origin = headers.origin;
  if (!origin) return site === "same-origin";
  if (publicOrigin) return origin === publicOrigin;
  const host = headers.host;
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * For the socket handshake a missing Origin is allowed: only non-browser clients (our own tests,
 * the benchmark) omit it, and they cannot ride on a victim's cookies. A present, foreign Origin is refused.
 */
export function isAllowedSocketOrigin(headers: IncomingHttpHeaders, publicOrigin?: string): boolean {
  if (!headers.origin) return true;
  return isSameOrigin({ ...headers, "sec-fetch-site": undefined }, publicOrigin);
}

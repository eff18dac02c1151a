import type { IncomingHttpHeaders } from "node:http";

/**
 * The client's network address, for budgets and throttles. Behind one reverse proxy (TRUST_PROXY=true,
 * docs/operations.md) every connection comes from the proxy, so the address is the last entry of
 * X-Forwarded-For — the one our proxy appended; earlier entries are whatever the client claimed.
 */
export function clientAddress(headers: IncomingHttpHeaders, remoteAddress: string | undefined, trustProxy: boolean): string {
  if (trustProxy) {
    const xff = headers["x-forwarded-for"];
    const last = (Array.isArray(xff) ? xff.join(",") : (xff ?? "")).split(",").pop()?.trim();
    if (last) return last;
  }
  return remoteAddress ?? "unknown";
}

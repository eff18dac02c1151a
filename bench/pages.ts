/**
 * The public pages under autocannon: a published hearing's ruling page (/hearings/<id>) and the home
 * page as anonymous visitors get them (from the page cache once rendered), beside a static file of
 * exactly the ruling page's size served by the same process, the same Express stack (helmet,
 * compression, request log) and express.static; and the ruling page rendered on every request.
 *
 * The static file is the ruling page's own HTML, written to public/bench-static-<pid>.html for the
 * run only and removed in `finally` (and by the SIGINT handler through `removeStaticCopy`). Writing
 * it there is the one way to have the app's own static handler serve a file of the same size; the
 * existing /favicon.svg is a few hundred bytes and would measure something else.
 */
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { projectRoot } from "../server/paths";
import { round } from "./stats";

export type PageFigures = { rps: number; p50_ms: number; p99_ms: number; non2xx: number; errors: number };
export type PagesReport = {
  bytes: number;
  duration_s: number;
  /** [page][connections] without Accept-Encoding (no compression): the rendering cost alone. */
  plain: Record<"ruling" | "home" | "static", Record<"c10" | "c100", PageFigures>>;
  /** At 10 connections with `accept-encoding: gzip`, as browsers ask: compression on every response. */
  gzip: Record<"ruling" | "home" | "static", PageFigures>;
  /**
   * The ruling page rendered on every request, at 10 connections: with a session cookie (an unknown
   * one, so still an anonymous principal), which the page cache (server/http/page-cache.ts) never
   * serves — what a signed-in visitor, or the first visitor after the cache entry expires, costs.
   */
  ruling_rendered: PageFigures;
};

const staticName = `bench-static-${process.pid}.html`;
const staticPath = path.join(projectRoot, "public", staticName);

export function removeStaticCopy(): void {
  fs.rmSync(staticPath, { force: true });
}

async function hit(url: string, connections: number, duration: number, headers: Record<string, string> = {}): Promise<PageFigures> {
  const r = await autocannon({ url, connections, duration, headers });
  // Completed requests over the measured time (the per-second average can miss a partial last second).
  return { rps: round(r.requests.total / r.duration, 0)!, p50_ms: r.latency.p50, p99_ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts };
}

export async function measurePages(base: string, publishedHearingId: number, duration: number): Promise<PagesReport> {
  const rulingUrl = `${base}/hearings/${publishedHearingId}`;
  const res = await fetch(rulingUrl);
  if (res.status !== 200) throw new Error(`${rulingUrl} answered ${res.status}`);
  const html = Buffer.from(await res.arrayBuffer());
  try {
    fs.writeFileSync(staticPath, html);
    const check = await fetch(`${base}/${staticName}`);
    if (check.status !== 200 || (await check.arrayBuffer()).byteLength !== html.length) throw new Error("the static copy is not served as written");
    const urls = { ruling: rulingUrl, home: `${base}/`, static: `${base}/${staticName}` };
    for (const url of Object.values(urls)) await hit(url, 10, 1); // warm up: JIT, caches, Remix modules
    const plain = {} as PagesReport["plain"];
    const gzip = {} as PagesReport["gzip"];
    for (const page of ["ruling", "static", "home"] as const) {
      plain[page] = { c10: await hit(urls[page], 10, duration), c100: await hit(urls[page], 100, duration) };
      gzip[page] = await hit(urls[page], 10, duration, { "accept-encoding": "gzip" });
    }
    const ruling_rendered = await hit(urls.ruling, 10, duration, { cookie: "civic_session=bench-bypasses-the-page-cache" });
    return { bytes: html.length, duration_s: duration, plain, gzip, ruling_rendered };
  } finally {
    removeStaticCopy();
  }
}

import express from "express";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPageCache } from "../../server/http/page-cache";

/**
 * Issue 15: the page cache kept 500 entries keyed by the full URL, uploads included — 60 requests for
 * one 5 MB public photo with `?v=N` added 338 MB. The cache is now bounded in bytes, keeps pages only
 * and ignores query strings (hardening.test.ts checks the last on the real server). Here a real
 * Express server with the cache in front of three 4 KB pages and a year-long public photo, and a
 * bound of 10 KB: what is a hit is what the cache holds.
 */
const PAGE_BYTES = 4 * 1024;
let server: Server;
let url: string;

beforeAll(async () => {
  const app = express();
  app.use((_req, res, next) => {
    res.locals.nonce = "n0nce";
    next();
  });
  app.use(createPageCache({ maxBytes: 10 * 1024 }));
  app.get("/pages/:name", (req, res) => {
    res.setHeader("cache-control", "public, max-age=60");
    res.type("text/html; charset=utf-8").send(`<p>${req.params.name}</p>`.padEnd(PAGE_BYTES, " "));
  });
  app.get("/photos/:sha", (_req, res) => {
    res.setHeader("cache-control", "public, max-age=31536000, immutable");
    res.type("image/jpeg").send(Buffer.alloc(5 * 1024, 0xff));
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

async function get(path: string): Promise<"hit" | "miss"> {
  const res = await fetch(url + path);
  await res.arrayBuffer();
  expect(res.status).toBe(200);
  return res.headers.get("x-page-cache") === "hit" ? "hit" : "miss";
}

describe("the page cache's bounds", () => {
  it("holds at most its size in bytes, evicting the least recently used page first", async () => {
    expect(await get("/pages/a")).toBe("miss");
    expect(await get("/pages/b")).toBe("miss");
    expect(await get("/pages/a")).toBe("hit"); // a is now the most recently used
    expect(await get("/pages/c")).toBe("miss"); // 12 KB > 10 KB: b goes
    expect(await get("/pages/a")).toBe("hit");
    expect(await get("/pages/c")).toBe("hit");
    expect(await get("/pages/b")).toBe("miss");
  });

  it("never holds an upload, however public and long-lived its caching headers", async () => {
    for (let i = 0; i < 3; i++) expect(await get("/photos/abc")).toBe("miss");
  });
});

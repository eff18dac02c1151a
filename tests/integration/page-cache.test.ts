import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];

describe("the page cache for anonymous visitors", () => {
  it("serves a published ruling from memory, each time with a fresh CSP nonce that the page's scripts carry", async () => {
    const published = server.services.hearings.lifecycle.listPublic().find((h) => h.status === "published")!;
    const first = await fetch(`${server.url}/hearings/${published.id}`);
    expect(first.headers.get("cache-control")).toBe("public, max-age=60");
    await first.text();
    const second = await fetch(`${server.url}/hearings/${published.id}`);
    expect(second.headers.get("x-page-cache")).toBe("hit");
    const html = await second.text();
    const nonce = nonceOf(second)!;
    expect(nonce).toBeTruthy();
    expect(nonce).not.toBe(nonceOf(first));
    expect(html).toContain(`nonce="${nonce}"`);
    expect(html).toContain(published.title);
  });

  it("never caches a signed-in person's page or a hearing that is not published", async () => {
    const published = server.services.hearings.lifecycle.listPublic().find((h) => h.status === "published")!;
    const cookie = await login(server, "mediator");
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${server.url}/hearings/${published.id}`, { headers: { cookie } });
      expect(res.headers.get("x-page-cache")).toBeNull();
      expect(await res.text()).toContain("陈调解");
    }
    const announced = server.services.hearings.lifecycle.listPublic().find((h) => h.status === "announced")!;
    await (await fetch(`${server.url}/hearings/${announced.id}`)).text();
    const again = await fetch(`${server.url}/hearings/${announced.id}`);
    expect(again.headers.get("x-page-cache")).toBeNull();
    expect(again.headers.get("cache-control")).toContain("no-cache");
  });
});

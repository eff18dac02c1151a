// Issue 15, floods: a burst one client's budget allows must not make everyone else wait for all of it.
// Packets that arrive together are decoded together; the server runs each socket's commands one per turn
// of the event loop (server/live/handlers/index.ts), so another client's command runs in between.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connected, connectSocket, login, startTestServer, type ClientSocket, type TestServer } from "../support/server";

let server: TestServer;
const sockets: ClientSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
});

async function open(cookie?: string): Promise<ClientSocket> {
  const s = connectSocket(server, { cookie });
  sockets.push(s);
  await connected(s);
  return s;
}

describe("a burst of commands from one client", () => {
  it("lets another client's command through before the burst is done, and still answers the burst in order", async () => {
    const burster = await open(await login(server, "mediator"));
    const other = await open(await login(server, "rep01"));
    const order: string[] = [];
    const burst = 30; // within the socket's budget (40 at once): every one is answered
    let firstAnswered!: () => void;
    const first = new Promise<void>((r) => (firstAnswered = r));
    const answered = Array.from(
      { length: burst },
      (_, i) =>
        new Promise<boolean>((resolve) =>
          burster.emit("hearing:snapshot", { hearingId: 1 }, (a: { ok: boolean }) => {
            order.push(`burst ${i}`);
            if (i === 0) firstAnswered();
            resolve(a.ok);
          }),
        ),
    );
    // The other client sends once the server has begun on the burst (measured in turns, not time).
    await first;
    const otherAnswered = new Promise<boolean>((resolve) =>
      other.emit("ballot:state", { scope: "hearing", scopeId: 1 }, (a: { ok: boolean }) => {
        order.push("other");
        resolve(a.ok);
      }),
    );
    expect(await Promise.all(answered)).toEqual(Array(burst).fill(true));
    expect(await otherAnswered).toBe(true);
    // The burst is answered in the order it was sent…
    expect(order.filter((o) => o !== "other")).toEqual(Array.from({ length: burst }, (_, i) => `burst ${i}`));
    // …and the other client waited for a few of its commands, not for all that had arrived by then
    // (run back to back, a burst's packets that arrive together are all answered before it: 11 to 30 of them).
    expect(order.indexOf("other")).toBeLessThan(8);
  });
});

// Issue 15, floods: a socket that keeps sending after it has been answered `rate_limited` costs the
// event loop one refusal per command and delays everyone's acknowledgements. It is told why
// (`connection:closing`, reason `rate_limited`) and disconnected; a client that backs off after a
// refusal, as the app does, stays connected (decision 032). And a burst one client's budget allows must not
// make everyone else wait for all of it: the server runs each socket's commands one per turn of the event
// loop (server/live/handlers/index.ts, decision 032's second addendum).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AckResult } from "../../server/live/protocol";
import { FLOOD_TOLERANCE } from "../../server/live/socket-server";
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

describe("a socket that keeps sending after rate_limited", () => {
  it("is told why and disconnected, while a client that backs off stays connected", async () => {
    const flooder = await open();
    const polite = await open(await login(server, "mediator"));
    const closing: unknown[] = [];
    const politeClosing: unknown[] = [];
    flooder.on("connection:closing", (p) => closing.push(p));
    polite.on("connection:closing", (p) => politeClosing.push(p));

    // The flooder: 2,000 snapshot requests without waiting for any answer.
    const acks: AckResult<unknown>[] = [];
    const total = 2000;
    const done = new Promise<string>((resolve) => {
      flooder.on("disconnect", (reason) => resolve(reason));
      for (let i = 0; i < total; i++)
        flooder.emit("hearing:snapshot", { hearingId: 1 }, (ack: AckResult<unknown>) => {
          acks.push(ack);
          if (acks.length === total) resolve("all answered");
        });
    });
    expect(await done).toBe("io server disconnect");
    expect(closing).toEqual([{ reason: "rate_limited" }]);
    const limited = acks.filter((a) => !a.ok && a.error.code === "rate_limited").length;
    expect(limited).toBeGreaterThan(0); // it was told first
    expect(acks.length).toBeLessThan(total); // and most of the flood was never processed

    // The polite client: groups of ten at once until it is told rate_limited (its socket's budget is 40 at
    // once, 20 a second), then it stops, waits and sends one more.
    let refused = 0;
    for (let group = 0; group < 200 && refused === 0; group++) {
      const answers = await Promise.all(Array.from({ length: 10 }, () => polite.emitWithAck("hearing:snapshot", { hearingId: 1 })));
      refused = answers.filter((a) => !a.ok && a.error.code === "rate_limited").length;
    }
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThanOrEqual(FLOOD_TOLERANCE.burst);
    await new Promise((r) => setTimeout(r, 1500)); // backing off, as the app does
    expect(await polite.emitWithAck("hearing:snapshot", { hearingId: 1 })).toMatchObject({ ok: true });
    expect(polite.connected).toBe(true);
    expect(politeClosing).toEqual([]);
  }, 60_000);
});

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

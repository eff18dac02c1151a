// Issue 15, "crash tests beyond votes": a server killed with SIGKILL while rulings and council
// resolutions are being published leaves each one unpublished or published whole — the status, the
// dates, the matter and exactly one ledger entry together, never some of them — and publishing again
// after the restart completes what did not land.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/connection";
import { councilItems, councils, hearings, ledgerEntries, matters, resolutions, rulings } from "../../db/schema";
import { systemClock } from "../../server/clock";
import { verifyLogRecord } from "../../server/ledger/chain";
import { createLedgerService, sha256Hex } from "../../server/ledger/ledger";
import { createVotingHearing } from "../ballots/factories";
import { crashHarness, sendUntilKilled, type ChildServer } from "../support/crash-server";
import { login, postForm } from "../support/server";

const harness = crashHarness("crash-publish");
let db: Db | null = null;

const entries = (scope: "hearing" | "council", scopeId: number, type: string) =>
  db!
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.scope, scope), eq(ledgerEntries.scopeId, scopeId), eq(ledgerEntries.type, type)))
    .all();
const verifies = async (scope: "hearing" | "council", id: number) =>
  expect(await verifyLogRecord(createLedgerService(db!, systemClock).record(scope, id), sha256Hex)).toMatchObject({ ok: true });

describe("a server killed with SIGKILL while rulings and resolutions are published", () => {
  let server: ChildServer;

  it("leaves every ruling unpublished or published whole, and publishing again completes it", async () => {
    server = await harness.start();
    db = harness.openDb();
    // Closed hearings with their ruling recorded: ready to publish.
    const ids = Array.from({ length: 24 }, () => {
      const { hearingId } = createVotingHearing(db!, { jurors: 3 });
      db!.update(hearings).set({ status: "closed", phase: null }).where(eq(hearings.id, hearingId)).run();
      db!.insert(rulings).values({ hearingId, reasons: "漏水系楼上管道老化所致。", saying: "楼上承担维修费用。", createdAt: new Date() }).run();
      return hearingId;
    });
    const state = (id: number) => {
      const h = db!.select().from(hearings).where(eq(hearings.id, id)).get()!;
      const r = db!.select().from(rulings).where(eq(rulings.hearingId, id)).get()!;
      const m = db!.select().from(matters).where(eq(matters.id, h.matterId)).get()!;
      return { status: h.status, hearingDate: h.publishedAt !== null, rulingDate: r.publishedAt !== null, matterResolved: m.status === "resolved", entries: entries("hearing", id, "ruling_published").length };
    };
    const before = { status: "closed", hearingDate: false, rulingDate: false, matterResolved: false, entries: 0 };
    const after = { status: "published", hearingDate: true, rulingDate: true, matterResolved: true, entries: 1 };
    for (const id of ids) expect(state(id)).toEqual(before);

    let unanswered = 0;
    for (let round = 0; round < 3; round++) {
      const batch = ids.slice(round * 8, round * 8 + 8);
      const chair = await harness.chairSocket(server);
      // All eight at once; the process dies at the first acknowledgement, the rest in flight.
      const acked = await sendUntilKilled(server, chair, batch, (id) => ({ event: "hearing:publish", payload: { hearingId: id } }));
      expect(server.process.signalCode).toBe("SIGKILL");
      unanswered += batch.length - acked.size;
      server = await harness.start();
      for (const id of batch) {
        expect([before, after]).toContainEqual(state(id));
        if (acked.has(id)) expect(state(id)).toEqual(after);
        await verifies("hearing", id);
      }
      const chair2 = await harness.chairSocket(server);
      for (const id of batch) {
        const landed = state(id).status === "published";
        const ack = await chair2.emitWithAck("hearing:publish", { hearingId: id });
        if (landed) expect(ack).toMatchObject({ ok: false, error: { code: "wrong_status" } });
        else expect(ack).toEqual({ ok: true, data: null });
        expect(state(id)).toEqual(after);
        await verifies("hearing", id);
      }
      chair.disconnect();
      chair2.disconnect();
    }
    expect(unanswered).toBeGreaterThan(0);
  }, 180_000);

  it("leaves every resolution a draft or published whole, and publishing again completes it", async () => {
    // The demo's ended council; copies of its passed item, each with a draft resolution.
    const council = db!.select().from(councils).where(eq(councils.status, "resolved")).all().at(-1)!;
    const model = db!.select().from(councilItems).where(eq(councilItems.councilId, council.id)).all().find((i) => i.status === "decided")!;
    const { id: _omit, ...item } = model;
    const ids = Array.from({ length: 48 }, (_, i) => {
      const it = db!.insert(councilItems).values({ ...item, position: 1000 + i, title: `${model.title}（${i}）` }).returning().get();
      return db!
        .insert(resolutions)
        .values({ itemId: it.id, councilId: council.id, matterId: it.matterId, text: `决议文本${i}`, responsible: "物业公司", deadline: new Date(Date.now() + 30 * 86_400_000) })
        .returning()
        .get().id;
    });
    const published = () => new Set(entries("council", council.id, "resolution_published").map((e) => (e.payload as { resolutionId: number }).resolutionId));
    const state = (id: number) => {
      const r = db!.select().from(resolutions).where(eq(resolutions.id, id)).get()!;
      const n = entries("council", council.id, "resolution_published").filter((e) => (e.payload as { resolutionId: number }).resolutionId === id).length;
      return { status: r.status, publishedAt: r.publishedAt !== null, noticeEndsAt: r.noticeEndsAt !== null, entries: n };
    };
    const before = { status: "draft", publishedAt: false, noticeEndsAt: false, entries: 0 };
    const after = { status: "notice", publishedAt: true, noticeEndsAt: true, entries: 1 };
    for (const id of ids) expect(state(id)).toEqual(before);
    const publish = (cookie: string, id: number) =>
      postForm(server, `/manage/councils/${council.id}`, { intent: "publishResolution", resolutionId: String(id) }, { cookie });

    let unanswered = 0;
    for (let round = 0; round < 3; round++) {
      const batch = ids.slice(round * 16, round * 16 + 16);
      const cookie = await login(server, "mediator");
      const answered = new Set<number>();
      const exited = new Promise<void>((resolve) => server.process.once("exit", () => resolve()));
      // Sixteen publications in a burst (four per millisecond); the process dies as the first answer
      // arrives, so the rest are in flight. Only a fully received success page counts as answered.
      let first = true;
      const sent = batch.map(
        (id, i) =>
          new Promise<void>((resolve) =>
            setTimeout(() => {
              publish(cookie, id)
                .then(async (res) => {
                  if (first) {
                    first = false;
                    server.process.kill("SIGKILL");
                  }
                  const html = await res.text();
                  if (res.status >= 400 || html.includes("resolution_already_published")) throw new Error(`publish refused: ${res.status}`);
                  answered.add(id);
                })
                .catch((err: Error) => {
                  if (err.message.startsWith("publish refused")) throw err;
                }) // otherwise the connection died with the server
                .finally(resolve);
            }, Math.floor(i / 4)),
          ),
      );
      await exited;
      await Promise.all(sent);
      expect(server.process.signalCode).toBe("SIGKILL");
      unanswered += batch.length - answered.size;
      server = await harness.start();
      for (const id of batch) {
        expect([before, after]).toContainEqual(state(id));
        if (answered.has(id)) expect(state(id)).toEqual(after);
      }
      await verifies("council", council.id);
      const cookie2 = await login(server, "mediator");
      for (const id of batch) {
        const landed = state(id).status === "notice";
        const res = await publish(cookie2, id);
        const html = await res.text();
        expect(res.status).toBeLessThan(500);
        expect(html.includes("resolution_already_published")).toBe(landed);
        expect(state(id)).toEqual(after);
      }
      await verifies("council", council.id);
    }
    expect(published().size).toBeGreaterThanOrEqual(48);
    expect(unanswered).toBeGreaterThan(0);
  }, 180_000);
});

/**
 * Evidence before the hearing (issue 14, item 8), over real HTTP and socket.io against a real server:
 *  - a party uploads from their invitation on, before the start (private by default); not during
 *    check-in or statements; the mediator admits only during 举证质证;
 *  - an oversized upload is answered 413 without the server reading the whole body;
 *  - only the chair shows an exhibit on the hall screen, and only an admitted public one.
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exhibits, hearings, ledgerEntries } from "../../db/schema";
import type { HearingSnapshot } from "../../app/components/hearing/types";
import type { RoomEvent } from "../../server/live/protocol";
import { checkInToEvidence, drawPanel, startEvidenceHearing, startHearing, type EvidenceHearing } from "../support/evidence-hearing";
import { cmd, ok, socketFor } from "../support/hearing-flow";
import type { ClientSocket, TestServer } from "../support/server";

const MB = 1024 * 1024;

let fixture: EvidenceHearing;
let server: TestServer;
let hearingId: number;
let mediatorCookie: string;
let mediator: ClientSocket;
let spectator: ClientSocket;
let partyCookies: string[];
let partySockets: ClientSocket[];

const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(300)]);
const exhibitCount = () => server.services.db.select({ n: count() }).from(exhibits).where(eq(exhibits.hearingId, hearingId)).get()!.n;
const hearingRow = () => server.services.db.select().from(hearings).where(eq(hearings.id, hearingId)).get()!;
const uploadsDir = () => path.join(server.dataDir, "uploads");

async function upload(cookie: string, title: string, bytes: Buffer, visibility?: "public" | "panel") {
  const form = new FormData();
  form.set("title", title);
  if (visibility) form.set("visibility", visibility);
  form.set("file", new Blob([new Uint8Array(bytes)]), `${title}.png`);
  const res = await fetch(`${server.url}/hearings/${hearingId}/evidence`, { method: "POST", body: form, headers: { cookie, origin: server.url } });
  return { status: res.status, body: (await res.json()) as { ok?: true; exhibit?: { id: number; sha256: string }; error?: { code: string } } };
}

const snapshotOf = async (s: ClientSocket) => (await ok<{ snapshot: HearingSnapshot }>(s, "hearing:join", { hearingId })).snapshot;

beforeAll(async () => {
  fixture = await startEvidenceHearing();
  ({ server, hearingId, mediatorCookie, mediator, partyCookies, partySockets } = fixture);
  spectator = await socketFor(server);
}, 60_000);

afterAll(async () => {
  spectator?.close();
  await fixture?.close();
});

describe("a party submits evidence before the hearing", () => {
  it("uploads after the invitation, before the start; private by default; the public sees nothing of it", async () => {
    expect(hearingRow().status).toBe("announced");
    const before = exhibitCount();
    const res = await upload(partyCookies[0], "漏水照片", png());
    expect(res).toMatchObject({ status: 200, body: { ok: true } });
    expect(exhibitCount()).toBe(before + 1);
    const row = server.services.db.select().from(exhibits).where(eq(exhibits.id, res.body.exhibit!.id)).get()!;
    expect(row).toMatchObject({ visibility: "panel", status: "submitted" });

    // The party's own view offers the form (with the limit); the mediator's does not; the public sees no exhibit.
    const partyView = await snapshotOf(partySockets[0]);
    expect(partyView).toMatchObject({ canUpload: true, uploadLimitBytes: 20 * MB });
    expect(partyView.exhibits.map((e) => e.title)).toContain("漏水照片");
    expect((await snapshotOf(mediator)).canUpload).toBe(false);
    expect((await snapshotOf(spectator)).exhibits).toEqual([]);
    const page = await (await fetch(`${server.url}/hearings/${hearingId}`)).text();
    expect(page).not.toContain("漏水照片");
    // The file itself is not public either.
    expect((await fetch(`${server.url}/hearings/${hearingId}/exhibits/${res.body.exhibit!.sha256}`)).status).not.toBe(200);
  });

  it("refuses an upload from anyone but a party, and nothing is stored", async () => {
    const before = exhibitCount();
    expect(await upload(mediatorCookie, "主持人的文件", png())).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    expect((await upload("", "旁听者的文件", png())).status).toBe(403);
    expect(exhibitCount()).toBe(before);
  });

  it("nothing can be shown on the hall screen before the hearing is live", async () => {
    const [first] = server.services.db.select().from(exhibits).where(eq(exhibits.hearingId, hearingId)).all();
    expect(await cmd(mediator, "exhibit:show", { hearingId, exhibitId: first.id })).toMatchObject({ ok: false, error: { code: "wrong_status" } });
  });

  it("still takes uploads while the panel is drawn, and none during check-in; admission waits for 举证质证", async () => {
    await drawPanel(fixture);
    expect(hearingRow().status).toBe("drawing");
    expect(await upload(partyCookies[1], "维修报价单", png(), "public")).toMatchObject({ status: 200 });

    await startHearing(fixture);
    expect(hearingRow()).toMatchObject({ status: "live", phase: "checkin" });
    const before = exhibitCount();
    expect(await upload(partyCookies[0], "迟交的照片", png())).toMatchObject({ status: 400, body: { error: { code: "wrong_phase" } } });
    expect(exhibitCount()).toBe(before);
    expect((await snapshotOf(partySockets[0])).canUpload).toBe(false);

    const submitted = server.services.db.select().from(exhibits).where(eq(exhibits.hearingId, hearingId)).all();
    expect(await cmd(mediator, "exhibit:rule", { hearingId, exhibitId: submitted[0].id, decision: "admit" })).toMatchObject({ ok: false, error: { code: "wrong_phase" } });

    // The drawn jurors check in (services, as in the state exploration), then on to 举证质证.
    await checkInToEvidence(fixture);
    expect((await snapshotOf(partySockets[0])).canUpload).toBe(true);
    for (const e of submitted) await ok(mediator, "exhibit:rule", { hearingId, exhibitId: e.id, decision: "admit" });
    expect(server.services.db.select().from(exhibits).where(eq(exhibits.hearingId, hearingId)).all().map((e) => [e.title, e.status, e.number])).toEqual([
      ["漏水照片", "admitted", 1],
      ["维修报价单", "admitted", 2],
    ]);
  });
});

/**
 * A raw POST of `total` bytes over a plain TCP socket that keeps writing (with back-pressure) until
 * the server's answer starts to arrive, then stops. Resolves when the connection ends with the raw
 * answer, how many bytes had been written when it came, and whether the connection was reset. After its
 * 413 the server closes the connection without storing the rest: it sends a FIN and drains what is
 * still in flight for a moment (a lingering close), so the client reads the answer and then the end —
 * not a reset, which can make the client's system drop the 413 unread.
 * `declared` sends a Content-Length; otherwise the body is chunked.
 */
function postUntilAnswered(cookie: string, total: number, declared: boolean) {
  return new Promise<{ status: number; head: string; body: string; sentWhenAnswered: number; reset: boolean }>((resolve, reject) => {
    const url = new URL(server.url);
    const boundary = "----civic-test-boundary";
    const socket = net.connect({ host: url.hostname, port: Number(url.port) });
    let sent = 0;
    let sentWhenAnswered = -1;
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (d: string) => {
      if (sentWhenAnswered < 0) sentWhenAnswered = sent;
      answer += d;
    });
    let reset = false;
    socket.on("error", (err: NodeJS.ErrnoException) => (reset ||= err.code === "ECONNRESET"));
    socket.on("close", () => {
      if (sentWhenAnswered < 0) return reject(new Error(`no answer; ${sent} bytes sent${reset ? " (connection reset)" : ""}`));
      const [head, body = ""] = answer.split("\r\n\r\n");
      resolve({ status: Number(head.split(" ")[1]), head: head.toLowerCase(), body, sentWhenAnswered, reset });
    });
    const headers = [
      `POST /hearings/${hearingId}/evidence HTTP/1.1`,
      `host: ${url.host}`,
      `cookie: ${cookie}`,
      `origin: ${server.url}`,
      "accept: application/json",
      `content-type: multipart/form-data; boundary=${boundary}`,
      declared ? `content-length: ${total}` : "transfer-encoding: chunked",
    ];
    const head = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="title"\r\n\r\nbig\r\n--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.png"\r\ncontent-type: image/png\r\n\r\n`);
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    const frame = (piece: Buffer) => (declared ? piece : Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n")]));
    socket.write(headers.join("\r\n") + "\r\n\r\n");
    let body = 0;
    const pump = () => {
      while (sentWhenAnswered < 0 && body < total && !socket.destroyed) {
        const piece = body === 0 ? head : chunk.subarray(0, Math.min(chunk.length, total - body));
        body += piece.length;
        sent += piece.length;
        if (!socket.write(frame(piece))) return void socket.once("drain", pump);
      }
      if (sentWhenAnswered < 0 && !socket.destroyed && !declared) socket.write("0\r\n\r\n");
    };
    socket.once("connect", pump);
  });
}

describe("the upload limit (UPLOAD_LIMIT_MB = 20)", () => {
  it("a 30 MB upload with its length declared is answered 413 before the body is sent, and nothing is stored", async () => {
    const before = exhibitCount();
    const res = await postUntilAnswered(partyCookies[0], 30 * MB, true);
    expect(res.status).toBe(413);
    expect(res.body).toContain("payload_too_large");
    expect(res.head).toContain("connection: close");
    // Answered on the header: when the 413 arrived the client had not even handed over the 20 MB limit
    // (what was written is what the socket buffers took; about 4 MB on loopback).
    expect(res.sentWhenAnswered).toBeLessThan(20 * MB);
    expect(res.reset).toBe(false);
    expect(exhibitCount()).toBe(before);
    expect(fs.readdirSync(uploadsDir()).filter((f) => f.startsWith(".upload-"))).toEqual([]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("a 30 MB chunked upload (no length) is cut off at the limit with 413: the server stops reading there", async () => {
    const before = exhibitCount();
    const res = await postUntilAnswered(partyCookies[0], 30 * MB, false);
    expect(res.status).toBe(413);
    expect(res.body).toContain("payload_too_large");
    expect(res.head).toContain("connection: close");
    // The answer came while the client was still sending: the server did not wait for the 30 MB.
    expect(res.sentWhenAnswered).toBeLessThan(30 * MB);
    expect(res.reset).toBe(false);
    expect(exhibitCount()).toBe(before);
    expect(fs.readdirSync(uploadsDir()).filter((f) => f.startsWith(".upload-"))).toEqual([]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("a file just under the limit is taken", async () => {
    const big = Buffer.concat([png(), Buffer.alloc(19 * MB, 0)]);
    expect(await upload(partyCookies[1], "高清照片", big)).toMatchObject({ status: 200, body: { ok: true } });
  });
});

describe("showing an exhibit on the hall screen", () => {
  const events: RoomEvent[] = [];
  let publicExhibit: { id: number; sha256: string };
  let panelExhibit: { id: number };
  let pendingExhibit: { id: number };

  beforeAll(async () => {
    await snapshotOf(spectator);
    spectator.on("room:event", (e) => void events.push(e));
    const rows = server.services.db.select().from(exhibits).where(eq(exhibits.hearingId, hearingId)).all();
    publicExhibit = rows.find((e) => e.title === "维修报价单")!;
    panelExhibit = rows.find((e) => e.title === "漏水照片")!;
    pendingExhibit = rows.find((e) => e.title === "高清照片")!;
  });

  it("is refused to a party and to a spectator, and changes nothing", async () => {
    for (const s of [partySockets[0], partySockets[1], spectator]) {
      expect(await cmd(s, "exhibit:show", { hearingId, exhibitId: publicExhibit.id })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    expect((await snapshotOf(spectator)).screenExhibit).toBeNull();
  });

  it("is refused for an exhibit not yet admitted, a panel-only one, or malformed input", async () => {
    expect(pendingExhibit.id).toBeGreaterThan(0);
    expect(await cmd(mediator, "exhibit:show", { hearingId, exhibitId: pendingExhibit.id })).toMatchObject({ ok: false, error: { code: "exhibit_not_admitted_for_screen" } });
    expect(await cmd(mediator, "exhibit:show", { hearingId, exhibitId: panelExhibit.id })).toMatchObject({ ok: false, error: { code: "exhibit_not_public" } });
    expect(await cmd(mediator, "exhibit:show", { hearingId, exhibitId: "1" })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(await cmd(mediator, "exhibit:show", { hearingId, exhibitId: 999_999 })).toMatchObject({ ok: false, error: { code: "exhibit_not_found" } });
    expect((await snapshotOf(spectator)).screenExhibit).toBeNull();
  });

  it("the chair shows an admitted public exhibit: the screen gets it live, and a fresh screen page shows the image", async () => {
    const shown = events.length;
    await ok(mediator, "exhibit:show", { hearingId, exhibitId: publicExhibit.id });
    await expect.poll(() => events.slice(shown).find((e) => e.type === "hearing:screen_exhibit")).toBeTruthy();
    expect(events.slice(shown).find((e) => e.type === "hearing:screen_exhibit")!.data).toMatchObject({ id: publicExhibit.id, number: 2, title: "维修报价单", mime: "image/png" });
    expect((await snapshotOf(spectator)).screenExhibit).toMatchObject({ id: publicExhibit.id });
    const screen = await (await fetch(`${server.url}/hearings/${hearingId}/screen`)).text();
    expect(screen).toContain(`/hearings/${hearingId}/exhibits/${publicExhibit.sha256}`);
    expect((await fetch(`${server.url}/hearings/${hearingId}/exhibits/${publicExhibit.sha256}`)).status).toBe(200);
    // Recorded in the hearing's record (public once the hearing is published).
    const shownEntries = server.services.db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.scope, "hearing"), eq(ledgerEntries.scopeId, hearingId), eq(ledgerEntries.type, "exhibit_shown")))
      .all();
    expect(shownEntries.map((e) => e.payload)).toEqual([{ exhibitId: publicExhibit.id, number: 2 }]);
  });

  it("the chair clears the screen", async () => {
    const from = events.length;
    await ok(mediator, "exhibit:show", { hearingId, exhibitId: null });
    await expect.poll(() => events.slice(from).find((e) => e.type === "hearing:screen_exhibit")).toBeTruthy();
    expect(events.slice(from).find((e) => e.type === "hearing:screen_exhibit")!.data).toBeNull();
    expect((await snapshotOf(spectator)).screenExhibit).toBeNull();
  });
});

import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exhibits, hearings, ledgerEntries, transcriptEntries } from "../../db/schema";
import { verifyLogRecord, type LogRecord } from "../../server/ledger/chain";
import { verifyDrawRecord } from "../../server/draw/verify-record";
import type { DrawRecord } from "../../server/draw/record";
import { deviceCommitment } from "../../server/hearings/draw-device";
import type { HearingSnapshot } from "../../app/components/hearing/types";
import { cmd, consoleAction, conveneHearing, login, ok, partyCookie, socketFor, usernameOf } from "../support/hearing-flow";
import { startTestServer, type ClientSocket, type TestServer } from "../support/server";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const runVerify = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "scripts/verify.ts", ...args], { encoding: "utf8" });
async function saveRecord(record: unknown): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "draw-")), "draw.json");
  fs.writeFileSync(file, JSON.stringify(record));
  return file;
}
type Joined = { snapshot: HearingSnapshot; seqs: Record<string, number> };

let server: TestServer;
let hearingId: number;
let mediator: ClientSocket;
let mediatorCookie: string;
const party: ClientSocket[] = [];
const jurors: { username: string; cookie: string; socket: ClientSocket }[] = [];
const spectators: ClientSocket[] = [];

const stateOf = async (s: ClientSocket) => (await ok<Joined>(s, "hearing:join", { hearingId })).snapshot;
const ledgerCount = () => server.services.db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.scopeId, hearingId)).get()!.n;
const phaseOf = () => server.services.db.select().from(hearings).where(eq(hearings.id, hearingId)).get()!.phase;

/** Runs a command that must be refused with `code` and must change neither the hearing nor its record. */
async function refused(socket: ClientSocket, event: string, payload: unknown, code: string) {
  const before = { ledger: ledgerCount(), phase: phaseOf() };
  const res = await cmd(socket, event, payload);
  expect(res, `${event} should be refused`).toMatchObject({ ok: false, error: { code } });
  expect({ ledger: ledgerCount(), phase: phaseOf() }).toEqual(before);
}

async function advance(to: string) {
  await ok(mediator, "hearing:advance", { hearingId, to });
}

beforeAll(async () => {
  server = await startTestServer();
  mediatorCookie = await login(server, "mediator");
  mediator = await socketFor(server, mediatorCookie);
});
afterAll(async () => {
  for (const s of [mediator, ...party, ...jurors.map((j) => j.socket), ...spectators]) s?.close();
  await server?.close();
});

describe("a whole hearing, in order, with everyone connected", () => {
  it("is convened and announced by the mediator, and each party enters through a one-time link", async () => {
    hearingId = await conveneHearing(server, mediatorCookie);
    expect((await consoleAction(server, mediatorCookie, hearingId, { intent: "announce" })).status).toBe(200);
    const notice = await (await fetch(`${server.url}/hearings/${hearingId}`)).text();
    expect(notice).toContain("评理大会预告");
    expect(notice).toContain("张某");
    expect(notice).not.toContain("张三");

    const chairView = await stateOf(mediator);
    for (const p of chairView.parties) party.push(await socketFor(server, await partyCookie(server, mediatorCookie, hearingId, p.id)));
    expect((await stateOf(party[0])).role).toEqual({ kind: "party", partyId: chairView.parties[0].id });
  });

  it("draws a panel by commit–reveal (protocol v2) that anyone can verify, and replaces a challenged juror", async () => {
    expect((await consoleAction(server, mediatorCookie, hearingId, { intent: "openDraw" })).status).toBe(200);
    const first = (await stateOf(party[0])).draw!;
    expect(first).toMatchObject({ stage: "committing", number: 1, priorOpenings: [] });
    expect(first.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(first.lotteryHash).toMatch(/^[0-9a-f]{64}$/);

    // Before every party has committed, nothing can be revealed, entered or drawn.
    const early = await deviceCommitment(first.openingHash, "3 1 4 1 5 9");
    await ok(party[0], "draw:commit", { hearingId, commitment: early.commitment });
    await refused(party[0], "draw:commit", { hearingId, commitment: early.commitment }, "already_committed");
    await refused(party[0], "draw:reveal", { hearingId, value: early.value, salt: early.salt }, "commitments_pending");
    await refused(mediator, "draw:external", { hearingId, value: "123" }, "commitments_pending");
    await refused(mediator, "draw:run", { hearingId }, "commitments_pending");
    await refused(party[0], "draw:open", { hearingId, reason: "换个结果" }, "forbidden");

    // Changing anything means a new opening, which supersedes the old one in public; here: naming an external value.
    const external = { source: "福彩3D 第2026321期开奖号码", digits: 3, alphabet: "0-9" };
    await refused(mediator, "draw:open", { hearingId, external }, "reopen_reason_required");
    await ok(mediator, "draw:open", { hearingId, external, reason: "加入公开的外部随机数" });
    const draw = (await stateOf(party[1])).draw!;
    expect(draw).toMatchObject({ stage: "committing", number: 2, externalSource: external });
    expect(draw.priorOpenings).toEqual([{ number: 1, openingHash: first.openingHash, reason: "加入公开的外部随机数" }]);
    expect(draw.contributors.every((c) => c.commitment === null)).toBe(true);

    const a = await deviceCommitment(draw.openingHash, "3 1 4 1 5 9");
    const b = await deviceCommitment(draw.openingHash, "我方掷骰：2 6 5");
    await ok(party[0], "draw:commit", { hearingId, commitment: a.commitment });
    await ok(party[1], "draw:commit", { hearingId, commitment: b.commitment });
    // Commitments are closed once all are in: a late or second commitment is refused.
    await refused(party[1], "draw:commit", { hearingId, commitment: a.commitment }, "commitments_closed");

    // A reveal that does not match its commitment changes nothing and may be retried.
    await refused(party[0], "draw:reveal", { hearingId, value: "3 1 4 1 5 8", salt: a.salt }, "reveal_mismatch");
    await refused(party[0], "draw:reveal", { hearingId, value: b.value, salt: b.salt }, "reveal_mismatch");
    await ok(party[0], "draw:reveal", { hearingId, value: a.value, salt: a.salt });
    await refused(party[0], "draw:reveal", { hearingId, value: a.value, salt: a.salt }, "already_revealed");

    // The external value: only in the named form, only once.
    await refused(party[0], "draw:external", { hearingId, value: "739" }, "forbidden");
    await refused(mediator, "draw:external", { hearingId, value: "73" }, "external_wrong_form");
    await refused(mediator, "draw:external", { hearingId, value: "7a9" }, "external_wrong_form");
    await ok(mediator, "draw:external", { hearingId, value: "7 3 9" });
    await refused(mediator, "draw:external", { hearingId, value: "111" }, "external_already_entered");

    // Party 2 does not reveal: the draw waits for the window, then its commitment counts (the rule fixed at opening).
    await refused(mediator, "draw:run", { hearingId }, "reveals_pending");
    server.clock.advance(16 * 60_000);
    await refused(party[1], "draw:reveal", { hearingId, value: b.value, salt: b.salt }, "reveal_window_closed");
    await refused(party[0], "draw:run", { hearingId }, "forbidden");
    await ok(mediator, "draw:run", { hearingId });

    const record = (await (await fetch(`${server.url}/hearings/${hearingId}/draw.json`)).json()) as DrawRecord;
    expect(await verifyDrawRecord(record, { expectOpening: draw.openingHash })).toEqual({ ok: true, certified: true });
    expect(record.reveals.map((r) => r.value)).toEqual([a.value, null]);
    expect(record.external).toBe("739");
    expect(record.priorOpenings).toHaveLength(1);
    // HTTP first: spawnSync below blocks this process, server included, past its keep-alive timeout.
    // The receipt carries the opening hash and a QR to /verify with it.
    const receipt = await (await fetch(`${server.url}/hearings/${hearingId}/draw-receipt`)).text();
    const published = server.services.db.select({ id: hearings.id }).from(hearings).where(eq(hearings.status, "published")).all();
    const demoRecords = await Promise.all(published.map(async ({ id }) => ({ id, res: await fetch(`${server.url}/hearings/${id}/draw.json`) })));
    const demoFiles = await Promise.all(demoRecords.map(async ({ id, res }) => ({ id, status: res.status, file: await saveRecord(await res.json()) })));
    const log = await (await fetch(`${server.url}/hearings/${hearingId}/record.json`)).json().catch(() => null);
    expect(runVerify("--resolve", await saveRecord(record)).stdout).toMatch(/^OK/);
    expect(receipt).toContain(draw.openingHash);
    expect(receipt).toContain(`opening=${draw.openingHash}`);
    // The independent verifier (docs/draw-spec.md only) agrees on this record and on the demo's published one.
    if (spawnSync("python3", ["--version"]).status === 0) {
      const py = (file: string) => spawnSync("python3", ["tests/draw/independent/verify.py", file], { encoding: "utf8" }).stdout;
      expect(py(await saveRecord(record))).toBe("OK\n");
      expect(demoFiles.length).toBeGreaterThan(0);
      for (const { id, status, file } of demoFiles) {
        expect(status).toBe(200);
        expect(py(file), `demo hearing ${id}`).toBe("OK\n");
        expect(runVerify(file).stdout).toBe("OK — LEXIMIN optimality certificate checked (no solver needed)\n");
      }
    }
    // The log carries both openings and every commitment, so a copy of its head anchors the draw.
    if (log) expect(JSON.stringify(log)).toContain(draw.openingHash);

    const drawn = await stateOf(party[0]);
    const juror = drawn.panel.find((s) => s.role === "juror")!;
    // Parties see whom they challenge: names and categories (issue 14); the public does not.
    expect(juror.name).toBeTruthy();
    const filed = await ok<{ id: number; status: string }[]>(party[0], "draw:challenge", { hearingId, juror: juror.pseudonym, reason: "与我方存在亲属关系" });
    expect(filed.at(-1)!.status).toBe("pending");
    await refused(party[0], "draw:challenge", { hearingId, juror: drawn.panel.find((s) => s.role === "juror" && s.pseudonym !== juror.pseudonym)!.pseudonym, reason: "第二次" }, "challenge_limit");
    // The start waits for the mediator's decision and for the other side.
    await refused(mediator, "hearing:start", { hearingId }, "challenge_pending");
    await refused(party[0], "hearing:challenge_decide", { hearingId, requestId: filed.at(-1)!.id, grant: true, reason: "自己决定" }, "forbidden");
    await ok(mediator, "hearing:challenge_decide", { hearingId, requestId: filed.at(-1)!.id, grant: true, reason: "亲属关系属实" });
    await refused(mediator, "hearing:start", { hearingId }, "challenge_window_open");
    await ok(party[1], "hearing:challenge_waive", { hearingId });
    const after = await stateOf(mediator);
    const seated = after.panel.filter((s) => s.role === "juror" && s.status === "active");
    expect(seated).toHaveLength(7);
    expect(seated.map((s) => s.pseudonym)).not.toContain(juror.pseudonym);
    const rerecord = (await (await fetch(`${server.url}/hearings/${hearingId}/draw.json`)).json()) as DrawRecord;
    expect(await verifyDrawRecord(rerecord)).toEqual({ ok: true, certified: true });

    for (const seat of seated) {
      const username = usernameOf(server, seat.name!);
      const cookie = await login(server, username);
      jurors.push({ username, cookie, socket: await socketFor(server, cookie) });
    }
  }, 180_000);

  it("opens the live room; jurors check in and twenty spectators watch", async () => {
    await refused(party[0], "hearing:start", { hearingId }, "forbidden");
    // The notice is respected: before the announced time only with a recorded reason (issue 14).
    await refused(mediator, "hearing:start", { hearingId }, "start_before_notice");
    await refused(mediator, "hearing:start", { hearingId, reason: "急事" }, "early_start_reason_too_short");
    await ok(mediator, "hearing:start", { hearingId, reason: "双方同意提前开始" });
    for (let i = 0; i < 20; i++) {
      const s = await socketFor(server);
      spectators.push(s);
      expect((await stateOf(s)).role.kind).toBe("spectator");
    }
    await refused(mediator, "hearing:advance", { hearingId, to: "opening" }, "quorum_not_met");
    await refused(spectators[0], "hearing:checkin", { hearingId }, "forbidden");
    for (const j of jurors) {
      await stateOf(j.socket);
      expect(await ok(j.socket, "hearing:checkin", { hearingId })).toEqual({ checkedIn: true });
    }
    const seen = await stateOf(spectators[0]);
    expect(seen.panel.filter((s) => s.role === "juror" && s.checkedIn)).toHaveLength(7);
    expect(seen.panel.every((s) => s.name === null)).toBe(true); // pseudonymous in public
  });

  it("enforces the phase order and who may do what", async () => {
    await refused(mediator, "hearing:advance", { hearingId, to: "statements" }, "phase_out_of_order");
    await refused(party[0], "hearing:advance", { hearingId, to: "opening" }, "forbidden");
    await refused(jurors[0].socket, "hearing:advance", { hearingId, to: "opening" }, "forbidden");
    await refused(spectators[0], "hearing:advance", { hearingId, to: "opening" }, "forbidden");
    await refused(mediator, "hearing:advance", { hearingId: "x", to: "opening" }, "invalid_input");
    await advance("opening");
    await refused(party[0], "hearing:statement", { hearingId, text: "too early" }, "wrong_phase");
    await advance("statements");
  });

  it("gives the floor, times it on the server clock, and records statements", async () => {
    const [a, b] = (await stateOf(mediator)).parties;
    await refused(jurors[0].socket, "hearing:floor", { hearingId, partyId: a.id }, "forbidden");
    await ok(mediator, "hearing:floor", { hearingId, partyId: a.id });
    const started = await ok<{ runningSince: string | null }>(mediator, "hearing:timer", { hearingId, action: "start" });
    expect(started.runningSince).not.toBeNull();
    await ok(party[0], "hearing:statement", { hearingId, text: "楼上卫生间防水层老化，导致我家天花板渗水。" });
    await ok(mediator, "hearing:floor", { hearingId, partyId: b.id });
    await ok(mediator, "hearing:statement", { hearingId, partyId: b.id, text: "（口头陈述摘要）漏水原因不明，不同意承担全部费用。" });
    await refused(spectators[1], "hearing:statement", { hearingId, text: "我也要说" }, "forbidden");
    const view = await stateOf(spectators[1]);
    expect(view.transcript.map((t) => t.speaker)).toEqual(["甲方 张某", "乙方 李某"]);
    expect(view.transcript[1].recordedByMediator).toBe(true);
    expect(view.floor.used.find((u) => u.partyId === a.id)?.usedMs).toBeGreaterThanOrEqual(0);
  });

  it("takes evidence by content type, numbers admitted exhibits, and collects cross-examination", async () => {
    await advance("evidence");
    const upload = async (socketIndex: number, name: string, bytes: Buffer) => {
      const form = new FormData();
      form.set("title", name);
      form.set("visibility", "public");
      form.set("file", new Blob([new Uint8Array(bytes)]), name);
      const cookie = (party[socketIndex].io.opts.extraHeaders as Record<string, string>).cookie;
      return fetch(`${server.url}/hearings/${hearingId}/evidence`, { method: "POST", body: form, headers: { cookie, origin: server.url } });
    };
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]);
    const lying = Buffer.from("this is not an image, whatever the name says");
    const countBefore = server.services.db.select({ n: count() }).from(exhibits).get()!.n;
    const bad = await upload(0, "现场照片.png", lying);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "file_type_not_allowed" } });
    expect(server.services.db.select({ n: count() }).from(exhibits).get()!.n).toBe(countBefore);

    const good = await upload(0, "天花板渗水照片", png);
    expect(good.status).toBe(200);
    const { exhibit } = (await good.json()) as { exhibit: { id: number; sha256: string } };
    expect(exhibit.sha256).toBe(createHash("sha256").update(png).digest("hex"));
    await refused(party[1], "exhibit:opinion", { hearingId, exhibitId: exhibit.id, text: "不认可" }, "exhibit_not_admitted");
    await refused(party[0], "exhibit:rule", { hearingId, exhibitId: exhibit.id, decision: "admit" }, "forbidden");
    await ok(mediator, "exhibit:rule", { hearingId, exhibitId: exhibit.id, decision: "admit" });
    await refused(party[0], "exhibit:opinion", { hearingId, exhibitId: exhibit.id, text: "自己的" }, "own_exhibit");
    await ok(party[1], "exhibit:opinion", { hearingId, exhibitId: exhibit.id, text: "照片无法证明漏水来自我家。" });
    const seen = await stateOf(spectators[2]);
    expect(seen.exhibits).toMatchObject([{ number: 1, status: "admitted", opinions: [{ by: "乙方 李某" }] }]);
    const file = await fetch(`${server.url}/hearings/${hearingId}/exhibits/${exhibit.sha256}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
  });

  it("queues jurors' questions for the chair during debate", async () => {
    await advance("debate");
    const { id } = await ok<{ id: number }>(jurors[0].socket, "hearing:question", { hearingId, text: "请乙方说明近一年是否做过防水维修？" });
    await refused(party[0], "hearing:question", { hearingId, text: "我也问" }, "forbidden");
    expect((await stateOf(mediator)).questions.map((q) => q.id)).toEqual([id]);
    expect((await stateOf(jurors[1].socket)).questions).toEqual([]);
    const b = (await stateOf(mediator)).parties[1];
    await ok(mediator, "hearing:put_question", { hearingId, questionId: id, partyId: b.id });
    expect((await stateOf(spectators[3])).transcript.at(-1)?.text).toContain("防水维修");
  });

  it("keeps the deliberation private to the jury", async () => {
    await advance("deliberation");
    await ok(jurors[1].socket, "hearing:deliberate", { hearingId, text: "我认为双方都有一定责任。" });
    await refused(party[0], "hearing:deliberate", { hearingId, text: "偷听" }, "forbidden");
    expect((await stateOf(jurors[2].socket)).deliberation).toHaveLength(1);
    expect((await stateOf(spectators[0])).deliberation).toEqual([]);
    expect((await stateOf(party[1])).deliberation).toEqual([]);
  });

  it("gives a reconnected juror the identical state", async () => {
    const before = await stateOf(jurors[3].socket);
    jurors[3].socket.close();
    jurors[3].socket = await socketFor(server, jurors[3].cookie);
    const after = await stateOf(jurors[3].socket);
    // The room's sequence number is not state: the juror's own leaving and returning are broadcast
    // (presence), and on a loaded machine that broadcast can land before or after `before` was read.
    const comparable = (s: typeof after) => ({ ...s, floor: { ...s.floor, serverTime: "" }, panel: [], ballot: { ...s.ballot, seq: 0 } });
    expect(comparable(after)).toEqual(comparable(before));
  });

  it("votes by secret ballot, records the ruling and publishes it", async () => {
    await advance("voting");
    const options = [
      { id: "party_a", label: "支持甲方" },
      { id: "party_b", label: "支持乙方" },
      { id: "both", label: "双方均有责任" },
    ];
    const opened = await ok<{ id: number }>(mediator, "ballot:open", {
      scope: "hearing",
      scopeId: hearingId,
      question: "本次纠纷的责任如何认定？",
      options,
      secret: true,
      quorum: 5,
      threshold: "majority_cast",
      tieRule: "revote",
    });
    const receipts = await Promise.all(
      jurors.map((j, i) => ok<{ receipt: string }>(j.socket, "ballot:cast", { ballotId: opened.id, optionId: i < 5 ? "both" : "party_a", key: randomBytes(16).toString("hex") })),
    );
    await refused(mediator, "hearing:advance", { hearingId, to: "verdict" }, "ballot_still_open");
    await ok(mediator, "ballot:close", { ballotId: opened.id });
    const published = await ok<{ receipts: { receipt: string; optionId: string }[] }>(spectators[0], "ballot:receipts", { ballotId: opened.id });
    for (const r of receipts) expect(published.receipts.map((p) => p.receipt)).toContain(r.receipt);

    await advance("verdict");
    await refused(mediator, "hearing:close", { hearingId }, "ruling_missing");
    await ok(mediator, "hearing:ruling", { hearingId, reasons: "评理团以 5 票对 2 票认定双方均有责任。", saying: "维修费用由双方各承担一半。" });
    await ok(mediator, "hearing:close", { hearingId });
    await refused(jurors[0].socket, "hearing:publish", { hearingId }, "forbidden");
    await ok(mediator, "hearing:publish", { hearingId });

    const page = await (await fetch(`${server.url}/hearings/${hearingId}`)).text();
    expect(page).toContain("维修费用由双方各承担一半");
    expect(page).toContain("双方均有责任");
    expect(page).not.toContain("张三");
  });

  it("publishes a hash-chained record that verifies, and a tampered copy that does not", async () => {
    const res = await fetch(`${server.url}/hearings/${hearingId}/record.json`);
    expect(res.status).toBe(200);
    const record = (await res.json()) as LogRecord;
    expect(record.entries.length).toBeGreaterThan(30);
    expect(await verifyLogRecord(record, sha256)).toMatchObject({ ok: true });
    const text = JSON.stringify(record);
    expect(text).not.toContain("张三");
    expect(text).not.toContain("我认为双方都有一定责任"); // deliberation stays private: only its hash is recorded

    // The same check from the command line, as a resident would run it.
    const file = path.join(server.dataDir, "record.json");
    fs.writeFileSync(file, JSON.stringify(record));
    expect(runVerify(file)).toMatchObject({ status: 0, stdout: "OK\n" });

    const tampered = structuredClone(record);
    const statement = tampered.entries.find((e) => e.type === "statement")!;
    statement.payload.text = "篡改后的陈述";
    expect(await verifyLogRecord(tampered, sha256)).toMatchObject({ ok: false, seq: statement.seq });
    fs.writeFileSync(file, JSON.stringify(tampered));
    const bad = runVerify(file);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain(`entry ${statement.seq}`);
    expect(server.services.db.select({ n: count() }).from(transcriptEntries).where(eq(transcriptEntries.hearingId, hearingId)).get()!.n).toBe(3);
  });
});

// Issue 15, "crash tests beyond votes": a server killed with SIGKILL while the chair runs draws leaves
// each hearing undrawn (no seats, no `panel_drawn` entry, still revealing) or drawn (the record, the
// panel's seats and exactly one `panel_drawn` entry) — never half — and an undrawn draw can be run again.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openBenchServices } from "../../bench/setup";
import { closeDatabase, openDatabase, type Db } from "../../db/connection";
import { drawOpenings, draws, ledgerEntries, panelSeats } from "../../db/schema";
import { principalFor } from "../../db/seed/principals";
import { systemClock } from "../../server/clock";
import { deviceCommitment } from "../../server/hearings/draw-device";
import { verifyLogRecord } from "../../server/ledger/chain";
import { createLedgerService, sha256Hex } from "../../server/ledger/ledger";
import type { AckResult } from "../../server/live/protocol";
import { projectRoot } from "../../server/paths";
import type { Principal } from "../../server/auth/principal";
import { connected, connectSocket, cookieFrom, postForm, type ClientSocket } from "../support/server";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "civic-crash-draw-"));
let child: ChildProcess | null = null;
let db: Db | null = null;
const sockets: ClientSocket[] = [];

afterAll(() => {
  for (const s of sockets) s.disconnect();
  if (db) closeDatabase(db);
  child?.kill("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function startChild(): Promise<{ url: string; process: ChildProcess }> {
  const proc = spawn(process.execPath, ["build/server.js"], {
    cwd: projectRoot,
    env: { ...process.env, DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn", NODE_ENV: "production", SEED_DEMO: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = proc;
  let stderr = "";
  proc.stderr!.on("data", (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: proc.stdout! }).on("line", (line) => {
      if (line.startsWith('{"event":"ready"')) resolve({ url: (JSON.parse(line) as { url: string }).url, process: proc });
    });
    proc.once("exit", (code) => reject(new Error(`server exited with ${code} before it was ready:\n${stderr}`)));
  });
}

async function chairSocket(url: string): Promise<ClientSocket> {
  const res = await postForm({ url }, "/login", { username: "mediator", password: "demo-password" });
  const cookie = cookieFrom(res);
  if (!cookie) throw new Error(`login failed: ${res.status}`);
  const s = connectSocket({ url }, { cookie });
  sockets.push(s);
  await connected(s);
  return s;
}

const party = (hearingId: number, partyId: number, label: string): Principal => ({
  kind: "invitee",
  sessionId: "crash-test",
  invitee: { invitationId: "crash-test", purpose: "hearing_party", scopeId: hearingId, subjectId: partyId, label },
});

/** Hearings whose draw is opened and revealed by both parties, through the services: ready to be run. */
async function revealedHearings(count: number): Promise<number[]> {
  const { db: sdb, clock, services } = openBenchServices(dataDir);
  try {
    const mediator = principalFor(sdb, "mediator");
    const { lifecycle, draw } = services.hearings;
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const realNow = Date.now();
      clock.set(new Date(realNow - 8 * 86_400_000));
      const h = lifecycle.convene(mediator, {
        communityId: mediator.user.unitIds[0],
        matter: { title: `抽签中断测试纠纷${i}`, description: "崩溃测试。", scope: "private", difficulty: "normal", source: "visit" },
        title: `抽签中断测试${i}`,
        place: "社区党群服务中心",
        scheduledAt: new Date(realNow),
        panelSize: 3,
        alternatesCount: 1,
        quotas: [],
        parties: [{ name: "王建华" }, { name: "赵丽娟" }],
      });
      lifecycle.announce(mediator, { hearingId: h.id });
      clock.set(new Date(realNow - 30 * 60_000));
      await draw.open(mediator, { hearingId: h.id });
      const parties = lifecycle.parties(h.id);
      const openingHash = draw.publicState(h.id)!.openingHash;
      const sides = [
        [party(h.id, parties[0].id, "甲方"), await deviceCommitment(openingHash, `甲${i}`)],
        [party(h.id, parties[1].id, "乙方"), await deviceCommitment(openingHash, `乙${i}`)],
      ] as const;
      for (const [who, device] of sides) draw.commit(who, { hearingId: h.id, commitment: device.commitment });
      for (const [who, device] of sides) await draw.reveal(who, { hearingId: h.id, value: device.value, salt: device.salt });
      ids.push(h.id);
    }
    return ids;
  } finally {
    closeDatabase(sdb);
  }
}

describe("a server killed with SIGKILL while the chair runs draws", () => {
  it("leaves every draw not run or run whole, with the ledger to match, and the draw can be run again", async () => {
    let server = await startChild();
    const ids = await revealedHearings(24);
    db = openDatabase(path.join(dataDir, "civic.sqlite"));

    const state = (id: number) => {
      const d = db!.select().from(draws).where(eq(draws.hearingId, id)).get()!;
      const opening = db!.select().from(drawOpenings).where(eq(drawOpenings.hearingId, id)).all().at(-1)!;
      const seats = db!.select().from(panelSeats).where(eq(panelSeats.hearingId, id)).all();
      const entries = db!
        .select()
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.scope, "hearing"), eq(ledgerEntries.scopeId, id), eq(ledgerEntries.type, "panel_drawn")))
        .all();
      return { draw: d.status, opening: opening.status, record: d.record !== null, seats: seats.length, entries: entries.length };
    };
    const undrawn = { draw: "collecting", opening: "revealing", record: false, seats: 0, entries: 0 };
    const drawn = { draw: "drawn", opening: "drawn", record: true, seats: 4, entries: 1 };
    for (const id of ids) expect(state(id)).toEqual(undrawn);

    let unanswered = 0;
    for (let round = 0; round < 3; round++) {
      const batch = ids.slice(round * 8, round * 8 + 8);
      const chair = await chairSocket(server.url);
      const acked = new Set<number>();
      const exited = new Promise<void>((resolve) => server.process.once("exit", () => resolve()));
      // All eight draws at once; the process dies at the first acknowledgement, the rest in flight.
      for (const id of batch)
        chair.emit("draw:run", { hearingId: id }, (ack: AckResult<unknown>) => {
          if (!ack.ok) throw new Error(`draw refused: ${ack.error.code}`);
          acked.add(id);
          if (acked.size === 1) server.process.kill("SIGKILL");
        });
      await exited;
      expect(server.process.signalCode).toBe("SIGKILL");
      unanswered += batch.length - acked.size;
      server = await startChild();

      for (const id of batch) {
        const s = state(id);
        expect([undrawn, drawn]).toContainEqual(s);
        if (acked.has(id)) expect(s).toEqual(drawn);
        expect(await verifyLogRecord(createLedgerService(db, systemClock).record("hearing", id), sha256Hex)).toMatchObject({ ok: true });
      }

      // Running it again: a draw that did not land is run now; one that landed is refused, changing nothing.
      const chair2 = await chairSocket(server.url);
      for (const id of batch) {
        const landed = state(id).draw === "drawn";
        const ack = await chair2.emitWithAck("draw:run", { hearingId: id });
        if (landed) expect(ack).toMatchObject({ ok: false });
        else expect(ack).toMatchObject({ ok: true });
        expect(state(id)).toEqual(drawn);
        expect(await verifyLogRecord(createLedgerService(db, systemClock).record("hearing", id), sha256Hex)).toMatchObject({ ok: true });
      }
      chair.disconnect();
      chair2.disconnect();
    }
    expect(unanswered).toBeGreaterThan(0); // draws were in flight when the process died
  }, 240_000);
});

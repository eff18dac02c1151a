// Issue 15, "crash tests beyond votes": a server killed with SIGKILL while the chair changes phases
// leaves each hearing in the old phase or the new one — never half (a phase without its ledger entry,
// or an entry without its phase) — and the same change can be retried after the restart.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, type Db } from "../../db/connection";
import { hearings, ledgerEntries } from "../../db/schema";
import { systemClock } from "../../server/clock";
import { verifyLogRecord } from "../../server/ledger/chain";
import { createLedgerService, sha256Hex } from "../../server/ledger/ledger";
import type { AckResult } from "../../server/live/protocol";
import { projectRoot } from "../../server/paths";
import { createVotingHearing } from "../ballots/factories";
import { connected, connectSocket, cookieFrom, postForm, type ClientSocket } from "../support/server";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "civic-crash-phase-"));
let child: ChildProcess | null = null;
let db: Db | null = null;
const sockets: ClientSocket[] = [];

afterAll(() => {
  for (const s of sockets) s.disconnect();
  if (db) closeDatabase(db);
  child?.kill("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** `node build/server.js` on our data directory; resolves on its `{"event":"ready"}` line. */
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

const phases = ["checkin", "opening", "statements", "evidence", "debate", "deliberation"] as const;

describe("a server killed with SIGKILL while the chair changes phases", () => {
  it("leaves every hearing in its old phase or its new one, with the ledger to match, and the change can be retried", async () => {
    let server = await startChild();
    db = openDatabase(path.join(dataDir, "civic.sqlite"));
    // Sixteen hearings at check-in with a quorum of checked-in jurors; the chair moves them all on at once.
    const ids = Array.from({ length: 16 }, () => createVotingHearing(db!, { jurors: 3 }).hearingId);
    for (const id of ids) db.update(hearings).set({ phase: "checkin" }).where(eq(hearings.id, id)).run();

    const phaseOf = (id: number) => db!.select({ phase: hearings.phase }).from(hearings).where(eq(hearings.id, id)).get()!.phase!;
    const changes = (id: number) =>
      db!
        .select()
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.scope, "hearing"), eq(ledgerEntries.scopeId, id), eq(ledgerEntries.type, "phase_changed")))
        .all()
        .map((e) => (e.payload as { to: string }).to);

    let unanswered = 0;
    for (let round = 0; round < 3; round++) {
      const chair = await chairSocket(server.url);
      const before = new Map(ids.map((id) => [id, phaseOf(id)]));
      const acked = new Set<number>();
      const exited = new Promise<void>((resolve) => server.process.once("exit", () => resolve()));
      // Every hearing's next phase in a burst (four per millisecond); the process dies at the first
      // acknowledgement, so the rest are in flight: sent, perhaps committing, not yet answered.
      ids.forEach((id, i) =>
        setTimeout(() => {
          if (!chair.connected) return;
          const to = phases[phases.indexOf(before.get(id) as (typeof phases)[number]) + 1];
          chair.emit("hearing:advance", { hearingId: id, to }, (ack: AckResult<null>) => {
            if (!ack.ok) throw new Error(`advance refused: ${ack.error.code}`);
            acked.add(id);
            if (acked.size === 1) server.process.kill("SIGKILL");
          });
        }, Math.floor(i / 4)),
      );
      await exited;
      expect(server.process.signalCode).toBe("SIGKILL");
      await new Promise((r) => setTimeout(r, 100)); // let the last timers see the dead socket
      unanswered += ids.length - acked.size;
      server = await startChild();

      for (const id of ids) {
        const old = before.get(id)!;
        const next = phases[phases.indexOf(old as (typeof phases)[number]) + 1];
        const now = phaseOf(id);
        // Old or new, never anything else; acknowledged means new.
        expect([old, next]).toContain(now);
        if (acked.has(id)) expect(now).toBe(next);
        // The ledger says exactly the phases the hearing went through, and its chain verifies.
        expect(changes(id)).toEqual(phases.slice(1, phases.indexOf(now as (typeof phases)[number]) + 1));
        expect(await verifyLogRecord(createLedgerService(db, systemClock).record("hearing", id), sha256Hex)).toMatchObject({ ok: true });
      }

      // Retrying: a change that did not land is made now; one that landed is refused as out of order, changing nothing.
      const chair2 = await chairSocket(server.url);
      for (const id of ids) {
        const old = before.get(id)!;
        const next = phases[phases.indexOf(old as (typeof phases)[number]) + 1];
        const landed = phaseOf(id) === next;
        const ack = await chair2.emitWithAck("hearing:advance", { hearingId: id, to: next });
        if (landed) expect(ack).toMatchObject({ ok: false, error: { code: "phase_out_of_order" } });
        else expect(ack).toEqual({ ok: true, data: null });
        expect(phaseOf(id)).toBe(next);
        expect(changes(id)).toEqual(phases.slice(1, phases.indexOf(next) + 1));
      }
      chair.disconnect();
      chair2.disconnect();
    }
    expect(unanswered).toBeGreaterThan(0); // changes were in flight when the process died
  }, 180_000);
});

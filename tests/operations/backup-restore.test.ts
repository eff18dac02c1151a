// npm run backup / restore (scripts/backup.ts, scripts/restore.ts; docs/operations.md): a backup taken
// while votes are being cast restores into a server whose every record verifies.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, type Db } from "../../db/connection";
import { ledgerEntries } from "../../db/schema";
import { backup } from "../../scripts/backup";
import { restore } from "../../scripts/restore";
import { systemClock } from "../../server/clock";
import { verifyLogRecord } from "../../server/ledger/chain";
import { createLedgerService, sha256Hex } from "../../server/ledger/ledger";
import { createVotingHearing, hearingOptions, newKey } from "../ballots/factories";
import { connected, connectSocket, startTestServer, type ClientSocket, type TestServer } from "../support/server";

let server: TestServer;
let db: Db;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "civic-backup-"));
const sockets: ClientSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
  db = openDatabase(path.join(server.dataDir, "civic.sqlite"));
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  closeDatabase(db);
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function socketFor(userId: number) {
  const s = connectSocket(server, { cookie: `civic_session=${server.services.sessions.createForUser(userId)}` });
  sockets.push(s);
  await connected(s);
  return s;
}

describe("backup and restore", () => {
  it("a backup taken mid-vote restores into a server on which every record verifies", async () => {
    const h = createVotingHearing(db, { jurors: 30 });
    fs.mkdirSync(path.join(server.dataDir, "uploads"), { recursive: true });
    fs.writeFileSync(path.join(server.dataDir, "uploads", "a".repeat(64)), "evidence bytes");
    const chair = await socketFor(h.mediatorId);
    const opened = await chair.emitWithAck("ballot:open", {
      scope: "hearing", scopeId: h.hearingId, question: "责任在哪一方？", options: hearingOptions, secret: true,
      quorum: 1, threshold: "majority_cast", passOptionId: null, tieRule: "chair_decides", allowChange: false,
    });
    if (!opened.ok) throw new Error(opened.error.code);
    const phones = await Promise.all(h.jurors.map((j) => socketFor(j.userId)));
    // Votes keep arriving while the backup runs.
    const voting = Promise.all(
      phones.map(async (s, i) => {
        await new Promise((r) => setTimeout(r, i * 5));
        return s.emitWithAck("ballot:cast", { ballotId: opened.data.id, optionId: "party_a", key: newKey() });
      }),
    );
    const copy = path.join(tmp, "backup");
    const result = await backup(server.dataDir, copy);
    await voting;
    expect(result.files).toBeGreaterThanOrEqual(1);

    const dataDir = path.join(tmp, "restored");
    restore(copy, dataDir);
    expect(() => restore(copy, dataDir)).toThrow(/not empty/);
    const restored = await startTestServer({ env: { DATA_DIR: dataDir, SEED_DEMO: "false" } });
    try {
      const rdb = openDatabase(path.join(dataDir, "civic.sqlite"));
      try {
        const scopes = rdb.selectDistinct({ scope: ledgerEntries.scope, scopeId: ledgerEntries.scopeId }).from(ledgerEntries).all();
        expect(scopes.length).toBeGreaterThan(0);
        const ledger = createLedgerService(rdb, systemClock);
        for (const { scope, scopeId } of scopes) expect(await verifyLogRecord(ledger.record(scope, scopeId), sha256Hex)).toMatchObject({ ok: true });
        // Participation and secret votes agree in the copy: a consistent moment, not a torn one.
        const n = (sql: string) => (rdb.$client.prepare(sql).get() as { n: number }).n;
        expect(n(`select count(*) n from ballot_participation where ballot_id = ${opened.data.id}`)).toBe(n(`select count(*) n from secret_votes where ballot_id = ${opened.data.id}`));
        expect(fs.readFileSync(path.join(dataDir, "uploads", "a".repeat(64)), "utf8")).toBe("evidence bytes");
      } finally {
        closeDatabase(rdb);
      }
      expect((await fetch(`${restored.url}/healthz`)).status).toBe(200);
    } finally {
      await restored.close();
    }
  });
});

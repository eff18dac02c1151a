// Issue 15, "crash tests beyond votes": a server killed with SIGKILL while parties upload evidence.
// After the restart every exhibit row has its file, complete (its content hashes to its name); no file
// under a hash name is half written; no temporary upload is left behind; the ledger verifies; and the
// upload that was cut off can simply be sent again.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { exhibits, hearingParties, hearings, invitations, ledgerEntries } from "../../db/schema";
import { createSessionService } from "../../server/auth/sessions";
import { systemClock } from "../../server/clock";
import { verifyLogRecord } from "../../server/ledger/chain";
import { createLedgerService, sha256Hex } from "../../server/ledger/ledger";
import { createVotingHearing } from "../ballots/factories";
import { crashHarness } from "../support/crash-server";

const harness = crashHarness("crash-upload");
const uploads = path.join(harness.dataDir, "uploads");

/** A PNG (by its first bytes) of random content: every file is distinct, so its hash names it alone. */
function pngFile(bytes: number): Buffer {
  const b = randomBytes(bytes);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b);
  return b;
}

type Upload = { file: Buffer; sha256: string; status: number | null };

/**
 * Sends a multipart upload the way a slow phone does: the file in 32 KiB pieces, one every few
 * milliseconds, chunked (no Content-Length). Resolves with the status, or null if the connection died.
 */
function upload(url: string, hearingId: number, cookie: string, u: Upload, pauseMs: number): Promise<void> {
  const boundary = `----civic${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n现场照片\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.png"\r\nContent-Type: image/png\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve) => {
    const req = http.request(`${url}/hearings/${hearingId}/evidence`, {
      method: "POST",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}`, origin: url, cookie, "transfer-encoding": "chunked" },
    });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => ((u.status = res.statusCode ?? null), resolve()));
      res.on("error", () => resolve());
    });
    req.on("error", () => resolve());
    req.write(head);
    let offset = 0;
    const step = () => {
      if (req.destroyed) return;
      if (offset >= u.file.length) return void req.end(tail);
      req.write(u.file.subarray(offset, offset + 32 * 1024));
      offset += 32 * 1024;
      setTimeout(step, pauseMs);
    };
    step();
  });
}

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("a server killed with SIGKILL while parties upload evidence", () => {
  it("keeps every exhibit whole with its row and ledger entry, leaves no partial file, and the upload can be retried", async () => {
    let server = await harness.start();
    const db = harness.openDb();
    const { hearingId } = createVotingHearing(db, { jurors: 3 });
    db.update(hearings).set({ phase: "evidence" }).where(eq(hearings.id, hearingId)).run();
    const party = db.insert(hearingParties).values({ hearingId, position: 1, name: "张三", maskedName: "张某" }).returning().get();
    const invitationId = randomUUID();
    const now = new Date();
    db.insert(invitations)
      .values({ id: invitationId, secretHash: "!", purpose: "hearing_party", scopeId: hearingId, subjectId: party.id, label: "甲方", createdAt: now, expiresAt: new Date(now.getTime() + 86_400_000), usedAt: now })
      .run();
    const cookie = `civic_session=${createSessionService(db, systemClock).createForInvitation(invitationId)}`;

    const rows = () => db.select().from(exhibits).where(eq(exhibits.hearingId, hearingId)).all();
    const submittedEntries = () =>
      db
        .select()
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.scope, "hearing"), eq(ledgerEntries.scopeId, hearingId), eq(ledgerEntries.type, "exhibit_submitted")))
        .all();

    let cutOff = 0;
    let completed = 0;
    for (let round = 0; round < 4; round++) {
      const batch: Upload[] = Array.from({ length: 6 }, (_, i) => {
        const file = pngFile(256 * 1024 + i * 96 * 1024 + Math.floor(Math.random() * 4096));
        return { file, sha256: sha(file), status: null };
      });
      const exited = new Promise<void>((resolve) => server.process.once("exit", () => resolve()));
      const sent = batch.map((u, i) => upload(server.url, hearingId, cookie, u, 2 + i));
      // A random moment: some uploads have finished, some are being stored, some are half sent.
      const killAfter = 40 + Math.floor(Math.random() * 200);
      setTimeout(() => server.process.kill("SIGKILL"), killAfter);
      await exited;
      await Promise.all(sent);
      expect(server.process.signalCode).toBe("SIGKILL");
      server = await harness.start();

      const byHash = new Map(rows().map((r) => [r.sha256, r]));
      for (const u of batch) {
        if (u.status === 200) expect(byHash.has(u.sha256)).toBe(true); // acknowledged means stored
        else cutOff++;
        if (u.status === 200) completed++;
      }
      // Every row has its file, whole.
      for (const r of rows()) {
        const content = fs.readFileSync(path.join(uploads, r.sha256));
        expect(content.length).toBe(r.size);
        expect(sha(content)).toBe(r.sha256);
      }
      // Every file under a hash name is whole; no temporary upload survives the restart.
      for (const name of fs.readdirSync(uploads)) {
        expect(name.startsWith(".upload-"), `leftover temporary upload ${name}`).toBe(false);
        expect(sha(fs.readFileSync(path.join(uploads, name)))).toBe(name);
      }
      // One ledger entry per exhibit row, and the hearing's record verifies.
      expect(submittedEntries().map((e) => (e.payload as { exhibitId: number }).exhibitId).sort((a, b) => a - b)).toEqual(rows().map((r) => r.id).sort((a, b) => a - b));
      expect(await verifyLogRecord(createLedgerService(db, systemClock).record("hearing", hearingId), sha256Hex)).toMatchObject({ ok: true });

      // Retrying what was not acknowledged stores it now.
      for (const u of batch.filter((b) => b.status !== 200)) {
        u.status = null;
        await upload(server.url, hearingId, cookie, u, 0);
        expect(u.status).toBe(200);
        const r = rows().find((x) => x.sha256 === u.sha256);
        expect(r).toBeDefined();
        expect(sha(fs.readFileSync(path.join(uploads, u.sha256)))).toBe(u.sha256);
      }
      expect(await verifyLogRecord(createLedgerService(db, systemClock).record("hearing", hearingId), sha256Hex)).toMatchObject({ ok: true });
    }
    expect(cutOff).toBeGreaterThan(0); // uploads were in flight when the process died
    expect(completed + cutOff).toBe(24);
  }, 180_000);
});

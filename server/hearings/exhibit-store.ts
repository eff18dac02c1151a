import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DomainError } from "../errors";

/** The types an exhibit may have, recognised by their first bytes — never by the file name. */
const signatures: { mime: string; test: (b: Buffer) => boolean }[] = [
  { mime: "image/jpeg", test: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: "image/png", test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: "image/webp", test: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP" },
  { mime: "application/pdf", test: (b) => b.subarray(0, 5).toString("latin1") === "%PDF-" },
];

export function sniffMime(head: Buffer): string | null {
  return signatures.find((s) => s.test(head))?.mime ?? null;
}

/** Uploads being written; only ever renamed to their hash once complete. */
const TEMP_PREFIX = ".upload-";

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export type StoredFile = { sha256: string; size: number; mime: string };

/**
 * Uploads live on disk beside the database, named by their SHA-256 (DESIGN.md §5): the name is the
 * integrity check, and the same file uploaded twice is stored once.
 */
export function createExhibitStore(dataDir: string, limitBytes: number) {
  const dir = path.join(dataDir, "uploads");
  // Uploads are private until admitted as public: readable by the service's user only (issue 12).
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((fs.statSync(dir).mode & 0o777) !== 0o700) fs.chmodSync(dir, 0o700);
  // A process killed mid-upload leaves its temporary file (never a file under a hash name: those are
  // renamed into place whole). Temporary names carry the writer's pid; those of processes no longer
  // running are removed when a store opens (issue 15, tests/hearings/crash-upload.test.ts).
  for (const name of fs.readdirSync(dir)) {
    const pid = name.startsWith(TEMP_PREFIX) ? Number(name.slice(TEMP_PREFIX.length).split("-")[0]) : NaN;
    if (name.startsWith(TEMP_PREFIX) && !(Number.isInteger(pid) && pid !== process.pid && isRunning(pid))) fs.rmSync(path.join(dir, name), { force: true });
  }
  const pathOf = (sha256: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new DomainError("not_found");
    return path.join(dir, sha256);
  };

  return {
    limitBytes,
    pathOf,
    /**
     * Streams an upload to a temporary file while hashing it, refuses it past the size limit or when
     * its content is not an allowed type, then moves it under its hash.
     */
    async save(chunks: AsyncIterable<Uint8Array>): Promise<StoredFile> {
      const tmp = path.join(dir, `${TEMP_PREFIX}${process.pid}-${randomUUID()}`);
      const out = fs.createWriteStream(tmp, { mode: 0o600 });
      const hash = createHash("sha256");
      let size = 0;
      let head = Buffer.alloc(0);
      try {
        for await (const chunk of chunks) {
          size += chunk.byteLength;
          if (size > limitBytes) throw new DomainError("file_too_large", { limitMb: Math.round(limitBytes / 1048576) });
          if (head.length < 16) head = Buffer.concat([head, Buffer.from(chunk)]).subarray(0, 16);
          hash.update(chunk);
          if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
        }
        await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
        if (size === 0) throw new DomainError("file_empty");
        const mime = sniffMime(head);
        if (!mime) throw new DomainError("file_type_not_allowed");
        const sha256 = hash.digest("hex");
        fs.renameSync(tmp, pathOf(sha256));
        return { sha256, size, mime };
      } catch (err) {
        out.destroy();
        fs.rmSync(tmp, { force: true });
        throw err;
      }
    },
  };
}

export type ExhibitStore = ReturnType<typeof createExhibitStore>;

import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const PSEUDONYM_KEY_FILE = "pseudonym.key";

/**
 * The per-install secret mixed into pseudonyms. Without it anyone holding a published draw record could
 * hash every (hearing, representative id) pair and unmask the jurors; with it only this server can.
 * Created on first use (32 random bytes, hex) beside the database, readable by the server's user only.
 */
export function loadPseudonymKey(dataDir: string): string {
  const file = path.join(dataDir, PSEUDONYM_KEY_FILE);
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
    throw new Error(`${file} is too short to be a pseudonym key; delete it only if no hearing has been drawn yet`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString("hex");
  try {
    // `wx`: if two processes race, the second one fails here and reads the winner's key.
    fs.writeFileSync(file, key + "\n", { flag: "wx", mode: 0o600 });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return fs.readFileSync(file, "utf8").trim();
  }
}

/**
 * A representative's pseudonym within one hearing: "R" + 10 hex chars of
 * SHA-256("<hearingId>:<representativeId>:<key>"). Stable for the hearing (the snapshot, the draw record
 * and challenges all name the same person the same way), different across hearings, and it reveals
 * neither the id nor, without the key, a way to test guesses.
 */
export function pseudonym(key: string, hearingId: number | string, representativeId: number): string {
  const digest = createHash("sha256").update(`${hearingId}:${representativeId}:${key}`, "utf8").digest("hex");
  return "R" + digest.slice(0, 10);
}

import { createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const COMMITMENT_KEY_FILE = "commitment.key";

/**
 * The per-install secret behind keyed commitments (decision 008). Created on first use beside the
 * database, readable by the service's user only. Losing it loses nothing public; it only ends the
 * office's ability to prove, later, what a private text was.
 */
export function loadCommitmentKey(dataDir: string): string {
  const file = path.join(dataDir, COMMITMENT_KEY_FILE);
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 64) return existing;
    throw new Error(`${file} is too short to be a commitment key`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString("hex");
  try {
    fs.writeFileSync(file, key + "\n", { flag: "wx", mode: 0o600 });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return fs.readFileSync(file, "utf8").trim();
  }
}

/**
 * A keyed commitment to a private text, for the public record (decision 008):
 * `"hmac-sha256:" + hex(HMAC-SHA256(key, "commitment:v1|" + scope + "|" + scopeId + "|" + purpose + "|" + text))`.
 *
 * An unkeyed SHA-256 of a short text can be reversed by guessing ("同意", "我认为甲方有责任"); without the
 * key no guess can be tested. What it proves: whoever is given the key and the text (a court, an auditor
 * the office appoints) can check that this text, and no other, was recorded at that point of the chain.
 * To the public it proves only that an entry of that kind existed there.
 */
export function keyedCommitment(key: string, context: { scope: string; scopeId: number; purpose: string }, text: string): string {
  const mac = createHmac("sha256", Buffer.from(key, "hex"))
    .update(`commitment:v1|${context.scope}|${context.scopeId}|${context.purpose}|${text}`, "utf8")
    .digest("hex");
  return `hmac-sha256:${mac}`;
}

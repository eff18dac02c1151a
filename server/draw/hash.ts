/**
 * SHA-256 through Web Crypto, so the same code hashes in Node 20 and in a resident's browser
 * (no `node:crypto`, no Buffer).
 */

export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function hexToBytes(hex: string): Uint8Array {
  if (!/^([0-9a-f]{2})*$/i.test(hex)) throw new Error(`not an even-length hex string: "${hex}"`);
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** SHA-256 of raw bytes, or of a string's UTF-8 encoding. */
export async function sha256(data: Uint8Array | string): Promise<Uint8Array> {
  // A copy typed as backed by a plain ArrayBuffer, which is what Web Crypto's typings accept.
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : new Uint8Array(data);
  return new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", bytes));
}

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  return bytesToHex(await sha256(data));
}

import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/**
 * Token helpers shared by sessions and invitation links, as in the Lucia guide:
 * a token is `id.secret`; the id finds the row, only SHA-256(secret) is stored and it is
 * compared in constant time, so a database leak does not leak usable tokens.
 */
export function randomId(): string {
  const bytes = new Uint8Array(15); // 120 bits of entropy, 24 base32 characters
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export function newToken(): { id: string; secret: string; secretHash: string; token: string } {
  const id = randomId();
  const secret = randomId();
  return { id, secret, secretHash: hashSecret(secret), token: `${id}.${secret}` };
}

export function splitToken(token: string): { id: string; secret: string } | null {
  const parts = token.split(".");
  if (parts.length !== 2 || !/^[a-z2-7]{24}$/.test(parts[0]) || !/^[a-z2-7]{24}$/.test(parts[1])) return null;
  return { id: parts[0], secret: parts[1] };
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = new TextEncoder().encode(hashSecret(secret));
  const b = new TextEncoder().encode(storedHash);
  return a.length === b.length && constantTimeEqual(a, b);
}

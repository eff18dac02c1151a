/**
 * The party device's half of draw protocol v2: the value and salt stay in this browser's storage
 * between commitment and reveal; only the commitment is sent before every party has committed.
 */
import { newSalt, partyCommitment } from "../../../server/draw/protocol";

const key = (openingHash: string, by: string) => `draw-reveal:${openingHash}:${by}`;

export async function sealContribution(openingHash: string, by: string, value: string): Promise<string> {
  const salt = newSalt();
  const commitment = await partyCommitment(openingHash, salt, value);
  window.localStorage.setItem(key(openingHash, by), JSON.stringify({ value, salt, commitment }));
  return commitment;
}

export function storedContribution(openingHash: string, by: string): { value: string; salt: string; commitment: string } | null {
  try {
    const raw = window.localStorage.getItem(key(openingHash, by));
    return raw ? (JSON.parse(raw) as { value: string; salt: string; commitment: string }) : null;
  } catch {
    return null;
  }
}

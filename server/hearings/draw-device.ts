/**
 * What a party's device does in draw protocol v2, for callers that act for a party without a browser
 * (the demo seed, the benchmark): pick a salt, commit, and later reveal. The browser does the same
 * with the same functions (app/components/hearing/draw-commit.ts).
 */
import { newSalt, partyCommitment } from "../draw/protocol";

export async function deviceCommitment(openingHash: string, value: string): Promise<{ value: string; salt: string; commitment: string }> {
  const salt = newSalt();
  return { value, salt, commitment: await partyCommitment(openingHash, salt, value) };
}

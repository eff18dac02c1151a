/**
 * The LEXIMIN distribution has irrational-looking float weights; a draw needs an integer pick.
 * We round it to a uniform lottery of M tickets (isomorphic code: Node and browser).
 *
 * Why M = 1,000,000: the lottery is never printed, so M only sets the rounding precision. A typical
 * distribution spreads over a few thousand panels (each composition of types is realised by several
 * concrete panels), so M must be far above that count: with 10^6 tickets a person's probability
 * moves by a few 10^-6 at most in practice, against 10^-3 or worse for M = 1000.
 */
import { sha256 } from "./hash";
import type { Distribution, Lottery } from "./types";

export const LOTTERY_TICKETS = 1_000_000;

/**
 * Largest-remainder rounding: each panel gets floor(weight·M) tickets, and the tickets left over
 * go to the largest fractional parts, ties to the earlier panel. Panels left with no ticket are dropped.
 */
export function buildLottery(distribution: Pick<Distribution, "panels" | "weights">, M = LOTTERY_TICKETS): Lottery {
  // Renormalising keeps float noise in the weights from leaving a negative number of tickets over.
  const total = distribution.weights.reduce((s, w) => s + w, 0);
  const exact = distribution.weights.map((w) => (w / total) * M);
  const counts = exact.map(Math.floor);
  const leftover = M - counts.reduce((s, c) => s + c, 0);
  const byRemainder = exact
    .map((x, i) => ({ i, remainder: x - counts[i] }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  // The remainders are each below 1 and sum to `leftover`, so fewer than one ticket per panel is left.
  for (let j = 0; j < leftover; j++) counts[byRemainder[j].i] += 1;
  const kept = counts.flatMap((c, i) => (c > 0 ? [i] : []));
  return { M, panels: kept.map((i) => distribution.panels[i]), counts: kept.map((i) => counts[i]) };
}

/** Each listed person's chance of being drawn under the lottery (tickets holding them / M). */
export function lotteryMarginals(lottery: Lottery, ids: string[]): Record<string, number> {
  const tickets: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]));
  lottery.panels.forEach((panel, i) => {
    for (const id of panel) tickets[id] = (tickets[id] ?? 0) + lottery.counts[i];
  });
  return Object.fromEntries(Object.entries(tickets).map(([id, t]) => [id, t / lottery.M]));
}

/**
 * A ticket in [0, M), uniformly: v = first 4 bytes (big-endian) of SHA-256(UTF-8 "<seed>:<counter>")
 * for counter = 0, 1, …; v is rejected if it falls in the incomplete last block of M values
 * (v ≥ M·floor(2^32 / M)), which removes the modulo bias. The seed is hex, so the text is unambiguous.
 */
export async function drawTicket(seed: string, M: number): Promise<number> {
  if (!Number.isInteger(M) || M < 1 || M > 2 ** 32) throw new Error(`lottery size ${M} out of range`);
  const limit = Math.floor(2 ** 32 / M) * M;
  for (let counter = 0; ; counter++) {
    const h = await sha256(`${seed.toLowerCase()}:${counter}`);
    const v = ((h[0] << 24) >>> 0) + (h[1] << 16) + (h[2] << 8) + h[3];
    if (v < limit) return v % M;
  }
}

/** The index of the panel printed on `ticket` (tickets are numbered panel by panel, in order). */
export function panelOfTicket(lottery: Lottery, ticket: number): number {
  let end = 0;
  for (let i = 0; i < lottery.counts.length; i++) {
    end += lottery.counts[i];
    if (ticket < end) return i;
  }
  throw new Error(`ticket ${ticket} is outside a lottery of ${end} tickets`);
}

/**
 * From seed to people (isomorphic): the drawn panel, the order of alternates, and who replaces a
 * challenged juror. Everything is a pure function of the seed and the published lottery, so anyone
 * can recompute it.
 */
import { sha256Hex } from "./hash";
import { drawTicket, panelOfTicket } from "./lottery";
import { firstQuotaViolation } from "./quotas";
import type { Challenge, Lottery, PoolMember, Quota } from "./types";

export class NoValidReplacementError extends Error {
  readonly code = "draw.no_valid_replacement";
  constructor(readonly juror: string) {
    super(`no remaining alternate can replace ${juror} without breaking a quota`);
    this.name = "NoValidReplacementError";
  }
}

/** `panelIndex` is the ticket number in [0, M); `panel` is the panel printed on that ticket. */
export async function selectPanel(seed: string, lottery: Lottery): Promise<{ panelIndex: number; panel: string[] }> {
  const panelIndex = await drawTicket(seed, lottery.M);
  return { panelIndex, panel: [...lottery.panels[panelOfTicket(lottery, panelIndex)]] };
}

/**
 * Every eligible non-panel member, in ascending order of SHA-256(UTF-8 "<seed>:alternate:<id>")
 * (hex), ties (never seen in practice) by id. Hashing per person makes the order independent of
 * the pool's listing order.
 */
export async function orderAlternates(seed: string, eligibleIds: string[], panel: string[]): Promise<string[]> {
  const onPanel = new Set(panel);
  const keyed = await Promise.all(
    eligibleIds
      .filter((id) => !onPanel.has(id))
      .map(async (id) => ({ id, key: await sha256Hex(`${seed.toLowerCase()}:alternate:${id}`) })),
  );
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : 1));
  return keyed.map((x) => x.id);
}

/**
 * The first alternate (in order, skipping anyone already on the panel) whose taking the challenged
 * juror's seat keeps every quota met. Returns the replacement and the new panel (sorted).
 */
export function replaceChallenged(
  panel: string[],
  alternates: string[],
  challenged: string,
  quotas: Quota[],
  pool: PoolMember[],
): { replacement: string; panel: string[] } {
  if (!panel.includes(challenged)) throw new Error(`${challenged} is not on the panel`);
  const byId = new Map(pool.map((m) => [m.id, m]));
  const member = (id: string): PoolMember => {
    const m = byId.get(id);
    if (!m) throw new Error(`${id} is not in the pool`);
    return m;
  };
  const rest = panel.filter((id) => id !== challenged);
  for (const candidate of alternates) {
    if (panel.includes(candidate)) continue;
    const next = [...rest, candidate];
    if (!firstQuotaViolation(next.map(member), quotas)) return { replacement: candidate, panel: next.sort() };
  }
  throw new NoValidReplacementError(challenged);
}

/**
 * The panel after the challenges so far, and the alternates still available: a juror once struck
 * (including a replacement later challenged) is never called back.
 */
export function afterChallenges(
  panel: string[],
  alternates: string[],
  challenges: Challenge[],
): { panel: string[]; alternates: string[] } {
  let current = panel;
  for (const c of challenges) current = [...current.filter((id) => id !== c.juror), c.replacement].sort();
  const struck = new Set(challenges.map((c) => c.juror));
  return { panel: current, alternates: alternates.filter((id) => !struck.has(id)) };
}

/**
 * How a dishonest office would forge a draw record: change what decides the outcome, then re-derive
 * every hash, probability, commitment, seed, ticket, panel and alternate with the server's own code
 * so that all the arithmetic checks out. Only the re-solve and the receipt's anchor can catch these.
 */
import { lotteryMarginals } from "../../server/draw/lottery";
import { exclusionsHash, lotteryHash, openingHash, partyCommitment, seedV2 } from "../../server/draw/protocol";
import type { DrawRecord } from "../../server/draw/record";
import { snapshotHash } from "../../server/draw/seed";
import { orderAlternates, selectPanel } from "../../server/draw/select";

export async function reseal(record: DrawRecord): Promise<DrawRecord> {
  const r = structuredClone(record);
  const ids = r.snapshot.map((m) => m.id);
  r.probabilities = lotteryMarginals(r.lottery, ids);
  r.opening.snapshotHash = await snapshotHash(r.snapshot);
  r.opening.members = r.snapshot.length;
  r.opening.exclusionsHash = await exclusionsHash(r.exclusions);
  r.opening.lotteryHash = await lotteryHash(r.lottery);
  r.openingHash = await openingHash(r.opening);
  const values: { by: string; value: string }[] = [];
  for (const [i, rev] of r.reveals.entries()) {
    if (rev.value !== null && rev.salt !== null) {
      r.commitments[i].commitment = await partyCommitment(r.openingHash, rev.salt, rev.value);
      values.push({ by: rev.by, value: rev.value });
    } else values.push({ by: rev.by, value: r.commitments[i].commitment });
  }
  r.seed = await seedV2({ openingHash: r.openingHash, secret: r.secret, contributions: values, external: r.external });
  const drawn = await selectPanel(r.seed, r.lottery);
  r.ticket = drawn.panelIndex;
  r.panel = drawn.panel;
  r.alternates = await orderAlternates(r.seed, ids, drawn.panel);
  r.challenges = [];
  return r;
}

/** A valid panel not in the lottery: a lottery panel with one juror swapped for someone of the same features. */
export function handPickedPanel(r: DrawRecord): string[] {
  const features = new Map(r.snapshot.map((m) => [m.id, JSON.stringify(m.features)]));
  const known = new Set(r.lottery.panels.map((p) => p.join()));
  for (const panel of r.lottery.panels) {
    for (const juror of panel) {
      for (const other of r.snapshot) {
        if (panel.includes(other.id) || features.get(other.id) !== features.get(juror)) continue;
        const candidate = [...panel.filter((id) => id !== juror), other.id].sort();
        if (!known.has(candidate.join())) return candidate;
      }
    }
  }
  throw new Error("no hand-picked panel found");
}

const comparePanels = (a: string[], b: string[]) => (a.join("\u0000") < b.join("\u0000") ? -1 : 1);

export type Forgery = [name: string, forge: (r: DrawRecord) => Promise<DrawRecord>];

export const forgeries: Forgery[] = [
  [
    "a re-ordered lottery (the drawn ticket moved onto another panel)",
    async (r) => {
      const f = structuredClone(r);
      const order = f.lottery.panels.map((_, i) => i).reverse();
      f.lottery = { M: f.lottery.M, panels: order.map((i) => f.lottery.panels[i]), counts: order.map((i) => f.lottery.counts[i]) };
      return reseal(f);
    },
  ],
  [
    "a hand-picked panel added on one ticket",
    async (r) => {
      const f = structuredClone(r);
      const extra = handPickedPanel(f);
      const donor = f.lottery.counts.findIndex((c) => c > 1);
      f.lottery.counts[donor] -= 1;
      const entries = f.lottery.panels.map((p, i) => ({ p, c: f.lottery.counts[i] }));
      entries.push({ p: extra, c: 1 });
      entries.sort((a, b) => comparePanels(a.p, b.p));
      f.lottery = { M: f.lottery.M, panels: entries.map((e) => e.p), counts: entries.map((e) => e.c) };
      return reseal(f);
    },
  ],
  [
    "a one-panel lottery",
    async (r) => {
      const f = structuredClone(r);
      f.lottery = { M: f.lottery.M, panels: [f.lottery.panels[0]], counts: [f.lottery.M] };
      return reseal(f);
    },
  ],
  [
    "a skewed distribution (a tenth of the tickets moved to one panel)",
    async (r) => {
      const f = structuredClone(r);
      const moved = Math.floor(f.lottery.M / 10);
      let left = moved;
      for (let i = 1; i < f.lottery.counts.length && left > 0; i++) {
        const take = Math.min(left, f.lottery.counts[i] - 1);
        f.lottery.counts[i] -= take;
        left -= take;
      }
      f.lottery.counts[0] += moved - left;
      return reseal(f);
    },
  ],
];

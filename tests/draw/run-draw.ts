/**
 * A whole v2 draw in one call for the tests: open (LEXIMIN, lottery, commitments fixed), every
 * contributor commits with a fixed salt, reveals (or not), then complete. Uses only the server's
 * own functions, so a record made here is what the hearing service would publish.
 */
import { completeDraw, openDraw, type OpenedDraw } from "../../server/draw/draw";
import { sha256Hex } from "../../server/draw/hash";
import { partyCommitment, type ExternalSource } from "../../server/draw/protocol";
import type { DrawRecord } from "../../server/draw/record";
import type { PoolMember, Quota } from "../../server/draw/types";

export interface DrawInput {
  pool: PoolMember[];
  exclusions: { id: string; reason: string }[];
  quotas: Quota[];
  k: number;
  alternatesCount: number;
  /** A null value: the contributor committed but never revealed. */
  contributions: { by: string; value: string | null }[];
  secret: string;
  external?: { source: ExternalSource; value: string };
}

export const saltFor = (by: string) => sha256Hex(`test salt for ${by}`);

export async function openFor(input: DrawInput): Promise<OpenedDraw> {
  const excluded = new Set(input.exclusions.map((e) => e.id));
  return openDraw({
    pool: input.pool.filter((m) => !excluded.has(m.id)),
    exclusions: input.exclusions,
    quotas: input.quotas,
    k: input.k,
    alternatesCount: input.alternatesCount,
    scope: "test",
    number: 1,
    supersedes: null,
    contributors: input.contributions.map((c) => c.by),
    external: input.external?.source ?? null,
    revealSeconds: 600,
    secret: input.secret,
  });
}

export async function runDraw(input: DrawInput): Promise<DrawRecord> {
  const opened = await openFor(input);
  const commitments = await Promise.all(
    input.contributions.map(async (c) => ({ by: c.by, commitment: await partyCommitment(opened.openingHash, await saltFor(c.by), c.value ?? `never revealed ${c.by}`) })),
  );
  const reveals = await Promise.all(
    input.contributions.filter((c) => c.value !== null).map(async (c) => ({ by: c.by, value: c.value as string, salt: await saltFor(c.by) })),
  );
  return completeDraw({ opened, priorOpenings: [], commitments, reveals, external: input.external?.value ?? null, secret: input.secret });
}

/**
 * Draw protocol v2 (isomorphic: Node, browser, CLI). Everything that decides the outcome is fixed in
 * the *opening* — snapshot, exclusions, quotas, k, alternates, versions, the lottery itself, the
 * office's commitment, who contributes, the named external source — and its hash enters the seed.
 * Every contributor commits before anyone reveals. docs/draw-spec.md is the normative text; the
 * functions here are its reference implementation and must change only with PROTOCOL_VERSION.
 */
import { canonicalJson } from "../ledger/canonical-json";
import { sha256Hex } from "./hash";
import { fail, type VerifyFailure } from "../verify/failures";
import type { Lottery, PoolMember, Quota } from "./types";

export const PROTOCOL_VERSION = "2";
/** The solver the lottery was computed with; a re-solve compares lotteries exactly only when this matches. */
export const SOLVER_VERSION = "highs-1.15.3+cg2";

/** What a party that commits but does not reveal within the window contributes: its commitment hex. */
export const NON_REVEAL_RULE = "commitment-as-value" as const;

/** A public random value named at opening: its source in words and the exact form it must take. */
export interface ExternalSource {
  /** e.g. "福彩3D 第2026123期开奖号码" or "大厅 19:30 掷六颗骰子". */
  source: string;
  /** Number of digits the value has once spaces are removed. */
  digits: number;
  /** Allowed digit range, inclusive: "0-9" for lottery numbers, "1-6" for dice. */
  alphabet: "0-9" | "1-6";
}

export interface Exclusion {
  id: string;
  /** A reason *category* (party, conflict, …), never a free-text note. */
  reason: string;
}

/** The committed core of an opening; openingHash = SHA-256(canonicalJson(core)). */
export interface OpeningCore {
  protocol: string;
  /** Which hearing (scope) and which opening of it (1, 2, …): a re-opening is public. */
  scope: string;
  number: number;
  /** openingHash of the opening this one supersedes, or null for the first. */
  supersedes: string | null;
  algorithm: { name: "leximin"; version: string; solver: string };
  snapshotHash: string;
  members: number;
  exclusionsHash: string;
  quotas: Quota[];
  k: number;
  alternatesCount: number;
  lotteryHash: string;
  /** SHA-256 of the office secret's 32 bytes. */
  commitment: string;
  /** Everyone who must commit, in seed order. */
  contributors: string[];
  external: ExternalSource | null;
  nonReveal: typeof NON_REVEAL_RULE;
  /** How long after the last commitment reveals are accepted. */
  revealSeconds: number;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Lexicographic order of sorted id lists, element by element in code-unit order; a prefix first. */
export function comparePanels(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = byCodeUnit(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/**
 * The canonical form of a distribution over panels: each panel's ids sorted, identical panels
 * merged (weights added), panels sorted. Rounding to tickets then happens in this order, so the
 * lottery does not depend on the order in which the solver happened to list panels.
 */
export function canonicalDistribution(d: { panels: string[][]; weights: number[] }): { panels: string[][]; weights: number[] } {
  const merged = new Map<string, { panel: string[]; weight: number }>();
  d.panels.forEach((p, i) => {
    const panel = [...p].sort(byCodeUnit);
    const key = JSON.stringify(panel);
    const entry = merged.get(key);
    if (entry) entry.weight += d.weights[i];
    else merged.set(key, { panel, weight: d.weights[i] });
  });
  const sorted = [...merged.values()].sort((a, b) => comparePanels(a.panel, b.panel));
  return { panels: sorted.map((e) => e.panel), weights: sorted.map((e) => e.weight) };
}

/** Why a lottery is not in canonical order, or undefined if it is. */
export function lotteryOrderError(lottery: Lottery): VerifyFailure | undefined {
  for (const [i, panel] of lottery.panels.entries()) {
    for (let j = 1; j < panel.length; j++) if (!(panel[j - 1] < panel[j])) return fail("lottery_panel_unsorted", { i });
    if (i > 0 && comparePanels(lottery.panels[i - 1], panel) >= 0) return fail("lottery_order", { previous: i - 1, i });
  }
  return undefined;
}

export const exclusionsHash = (exclusions: Exclusion[]): Promise<string> =>
  sha256Hex(canonicalJson([...exclusions].sort((a, b) => byCodeUnit(a.id, b.id)).map((e) => ({ id: e.id, reason: e.reason }))));

export const lotteryHash = (lottery: Lottery): Promise<string> =>
  sha256Hex(canonicalJson({ M: lottery.M, counts: lottery.counts, panels: lottery.panels }));

export const openingHash = (core: OpeningCore): Promise<string> => sha256Hex(canonicalJson(core));

/** A party's commitment: SHA-256(UTF-8 "<openingHash>:<salt>:<value>"), computed on the party's device. */
export const partyCommitment = (opening: string, salt: string, value: string): Promise<string> => sha256Hex(`${opening}:${salt}:${value}`);

/** 32 random bytes, lowercase hex: the salt a device adds so a short value cannot be guessed from its commitment. */
export function newSalt(): string {
  return Array.from(globalThis.crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The external value in its canonical form (digits only, spaces removed), or undefined when it does
 * not have the form named at opening.
 */
export function normaliseExternal(source: ExternalSource, value: string): string | undefined {
  const digits = value.replace(/[\s,，、]/g, "");
  const pattern = source.alphabet === "1-6" ? /^[1-6]+$/ : /^[0-9]+$/;
  return pattern.test(digits) && digits.length === source.digits ? digits : undefined;
}

export interface SeedContribution {
  by: string;
  /** The revealed value, or the commitment hex when the party did not reveal (NON_REVEAL_RULE). */
  value: string;
}

/** seed = SHA-256(canonicalJson({ contributions, external, openingHash, secret })). */
export function seedV2(input: { openingHash: string; secret: string; contributions: SeedContribution[]; external: string | null }): Promise<string> {
  return sha256Hex(
    canonicalJson({
      contributions: input.contributions.map((c) => ({ by: c.by, value: c.value })),
      external: input.external,
      openingHash: input.openingHash,
      secret: input.secret,
    }),
  );
}

export const canonicalExclusions = (exclusions: Exclusion[]): Exclusion[] =>
  [...exclusions].sort((a, b) => byCodeUnit(a.id, b.id)).map((e) => ({ id: e.id, reason: e.reason }));

export type { PoolMember };

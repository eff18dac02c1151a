/**
 * What the bench's parent (bench/run.ts) asks its client processes (bench/client.ts) over the Node
 * IPC channel, and what they answer. Each request carries an id; the answer repeats it.
 */
import type { Expected } from "./spectator";
import type { SparseHistogram } from "./stats";
import type { Identity } from "./transport";

/** The hearing's positions, as the hearing ballot offers them (the bench's ballots use these). */
export const HEARING_OPTIONS = [
  { id: "party_a", label: "支持甲方" },
  { id: "party_b", label: "支持乙方" },
  { id: "both", label: "双方均有责任" },
];

export type VoteRecord = {
  repId: number;
  optionId: string;
  /** CLOCK_MONOTONIC ms (bench/stats.ts monoMs) when the juror's client emitted the cast. */
  emitAt: number;
  ackAt: number | null;
  error: string | null;
};

export type JoinReport = {
  joined: number;
  failed: number;
  /** From the first connection attempt until the last snapshot arrived. */
  wallMs: number;
  /** Per spectator: from opening its connection until its snapshot arrived. */
  joinMs: SparseHistogram;
};

export type RoundReport = {
  spectators: number;
  /** Spectators whose final state is the closed ballot with exactly the expected counts. */
  correct: number;
  /** (vote, spectator) pairs where the spectator never held a tally including the vote. */
  missing: number;
  latency: SparseHistogram;
  gaps: number;
  joinFailures: number;
};

export type Requests = {
  "voters:connect": { req: { hearingId: number; chair: Identity; jurors: { repId: number; identity: Identity }[] }; res: { ms: number } };
  /** After a restart: every juror and the chair connected again and joined. */
  "voters:ready": { req: { timeoutMs: number }; res: { ready: boolean; pending: number } };
  "ballot:open": { req: { hearingId: number }; res: { ballotId: number } };
  "ballot:vote": { req: { ballotId: number; windowMs: number; choices: { repId: number; optionId: string }[] }; res: { votes: VoteRecord[] } };
  "ballot:close": { req: { ballotId: number }; res: { counts: Record<string, number> | null } };
  "spectators:connect": { req: { hearingId: number; count: number; concurrency: number; group: "main" | "storm" }; res: JoinReport };
  /** Waits (bounded) until every spectator holds a tally with `cast` votes, or the closed ballot. */
  "spectators:await": {
    req: { ballotId: number; until: "cast" | "closed"; cast?: number; timeoutMs: number };
    res: { ready: number; pending: number };
  };
  /** `emits`: each acknowledged vote by the voter's public id in the tally (Spectator.seen) and its emit time. */
  "spectators:report": { req: { ballotId: number; emits: [voterId: string, emitAt: number][]; expected: Expected }; res: RoundReport };
  /**
   * After a restart: waits until every spectator has taken a snapshot after `since` that shows the
   * expected tally; answers when each one got there.
   */
  "spectators:rejoined": {
    req: { ballotId: number; since: number; expected: Expected; timeoutMs: number };
    res: { at: number[]; pending: number; joinFailures: number };
  };
  "disconnect": { req: { group?: "main" | "storm" }; res: Record<string, never> };
  /** This process's event-loop delay since the last reset: is the load generator keeping up? */
  "eld": { req: { reset: boolean }; res: { p99Ms: number; maxMs: number } };
};

export type RequestName = keyof Requests;
export type RequestMessage = { [K in RequestName]: { id: number; cmd: K; args: Requests[K]["req"] } }[RequestName];
export type ReplyMessage = { id: number; ok: true; data: unknown } | { id: number; ok: false; error: string };

/**
 * The raw baselines' whole "application": one hearing room's ballots in memory, with the same commands,
 * the same acknowledgements, the same room:event envelopes and payloads (BallotView, BallotTally with
 * voters, the frozen result) and the same 20 ms coalescing of tallies as the project. No database, no
 * sessions, no authorisation beyond "is this the chair / an eligible juror": it is the floor the
 * transport alone sets, which the project's figures are divided by.
 *
 * State survives a SIGTERM restart through a JSON file, so the reconnect storm has a tally to recover.
 */
import fs from "node:fs";
import { receiptFor, SUBMISSION_KEY_PATTERN } from "../server/ballots/receipt";
import { computeResult } from "../server/ballots/result";
import type { BallotTally, BallotView } from "../server/ballots/types";
import { COALESCE_WINDOW_MS } from "../server/live/hub";
import type { AckResult, RoomEvent } from "../server/live/protocol";

export type Who = { voter?: number; chair?: boolean };
type Ballot = { view: Omit<BallotView, "tally">; eligible: number[]; votes: [repId: number, optionId: string, key: string][] };
type Persisted = { seqs: [string, number][]; ballots: Ballot[]; voters: [number, number[]][] };

const fail = (code: string): AckResult<never> => ({ ok: false, error: { code } });

export function createBaselineRoom(opts: { broadcast: (room: string, event: RoomEvent) => void; stateFile?: string }) {
  const seqs = new Map<string, number>();
  const ballots = new Map<number, Ballot>();
  /** hearing id → jurors (representative ids) who joined: the eligible list when a ballot opens. */
  const voters = new Map<number, Set<number>>();
  const pending = new Map<string, () => unknown>();

  if (opts.stateFile && fs.existsSync(opts.stateFile)) {
    const saved = JSON.parse(fs.readFileSync(opts.stateFile, "utf8")) as Persisted;
    for (const [k, v] of saved.seqs) seqs.set(k, v);
    for (const b of saved.ballots) ballots.set(b.view.id, b);
    for (const [h, ids] of saved.voters) voters.set(h, new Set(ids));
  }

  const roomOf = (hearingId: number) => `hearing:${hearingId}`;

  function emit(room: string, type: string, data: unknown) {
    const seq = (seqs.get(room) ?? 0) + 1;
    seqs.set(room, seq);
    opts.broadcast(room, { room, seq, type, data });
  }

  function coalesce(room: string, compute: () => unknown) {
    if (pending.has(room)) return void pending.set(room, compute);
    pending.set(room, compute);
    setTimeout(() => flush(room), COALESCE_WINDOW_MS);
  }

  function flush(room: string) {
    const compute = pending.get(room);
    pending.delete(room);
    if (compute) emit(room, "ballot:tally", compute());
  }

  function countsOf(b: Ballot): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const o of b.view.options) counts[o.id] = 0;
    for (const [, optionId] of b.votes) counts[optionId] += 1;
    return counts;
  }

  const tallyOf = (b: Ballot): BallotTally => ({
    ballotId: b.view.id,
    eligible: b.eligible.length,
    cast: b.votes.length,
    counts: countsOf(b),
    voters: b.votes.map(([id, optionId]) => ({ voter: { kind: "juror", id }, optionId })),
  });

  const viewOf = (b: Ballot): BallotView => ({ ...b.view, tally: tallyOf(b) });

  function latest(hearingId: number): Ballot | undefined {
    let found: Ballot | undefined;
    for (const b of ballots.values()) if (b.view.scopeId === hearingId && (!found || b.view.id > found.view.id)) found = b;
    return found;
  }

  type Outcome = { result: AckResult<unknown>; join?: string };

  const commands: Record<string, (who: Who, p: Record<string, unknown>) => Outcome> = {
    "hearing:join"(who, p) {
      const hearingId = Number(p.hearingId);
      if (who.voter !== undefined) {
        if (!voters.has(hearingId)) voters.set(hearingId, new Set());
        voters.get(hearingId)!.add(who.voter);
      }
      const room = roomOf(hearingId);
      const b = latest(hearingId);
      const snapshot = { ballot: { ballot: b ? viewOf(b) : null, mine: null, room, seq: seqs.get(room) ?? 0 } };
      return { result: { ok: true, data: { snapshot, seqs: { [room]: seqs.get(room) ?? 0 } } }, join: room };
    },

    "ballot:open"(who, p) {
      if (!who.chair) return { result: fail("forbidden") };
      const hearingId = Number(p.scopeId);
      if ([...ballots.values()].some((b) => b.view.scopeId === hearingId && b.view.status === "open")) return { result: fail("ballot_already_open") };
      const eligible = [...(voters.get(hearingId) ?? [])].sort((a, b) => a - b);
      const id = ballots.size + 1;
      const b: Ballot = {
        eligible,
        votes: [],
        view: {
          id,
          scope: "hearing",
          scopeId: hearingId,
          itemId: null,
          question: String(p.question),
          options: p.options as BallotView["options"],
          secret: false,
          quorum: Number(p.quorum),
          threshold: p.threshold as BallotView["threshold"],
          passOptionId: (p.passOptionId as string | null) ?? null,
          tieRule: p.tieRule as BallotView["tieRule"],
          allowChange: false,
          status: "open",
          openedAt: new Date().toISOString(),
          closesAt: null,
          closedAt: null,
          result: null,
        },
      };
      ballots.set(id, b);
      const view = viewOf(b);
      emit(roomOf(hearingId), "ballot:opened", view);
      return { result: { ok: true, data: view } };
    },

    "ballot:cast"(who, p) {
      const b = ballots.get(Number(p.ballotId));
      if (!b) return { result: fail("ballot_not_found") };
      if (who.voter === undefined) return { result: fail("unauthenticated") };
      const key = String(p.key);
      if (!SUBMISSION_KEY_PATTERN.test(key)) return { result: fail("invalid_input") };
      const receipt = receiptFor(b.view.id, key);
      const existing = b.votes.find(([id]) => id === who.voter);
      if (existing) return { result: existing[2] === key ? { ok: true, data: { receipt, alreadyRecorded: true } } : fail("already_voted") };
      if (b.view.status !== "open") return { result: fail("ballot_closed") };
      if (!b.eligible.includes(who.voter)) return { result: fail("not_eligible") };
      const optionId = String(p.optionId);
      if (!b.view.options.some((o) => o.id === optionId)) return { result: fail("unknown_option") };
      b.votes.push([who.voter, optionId, key]);
      coalesce(roomOf(b.view.scopeId), () => tallyOf(b));
      return { result: { ok: true, data: { receipt, alreadyRecorded: false } } };
    },

    "ballot:close"(who, p) {
      if (!who.chair) return { result: fail("forbidden") };
      const b = ballots.get(Number(p.ballotId));
      if (!b) return { result: fail("ballot_not_found") };
      if (b.view.status === "closed") return { result: fail("ballot_closed") };
      b.view.status = "closed";
      b.view.closedAt = new Date().toISOString();
      b.view.result = computeResult({ ...b.view, eligible: b.eligible.length, counts: countsOf(b) });
      const room = roomOf(b.view.scopeId);
      flush(room);
      const view = viewOf(b);
      emit(room, "ballot:closed", { ballot: view });
      return { result: { ok: true, data: view } };
    },
  };

  return {
    handle(who: Who, event: string, payload: unknown): Outcome {
      const command = commands[event];
      if (!command) return { result: fail("unknown_command") };
      return command(who, (payload ?? {}) as Record<string, unknown>);
    },
    /** Written on SIGTERM, read back at start (the project keeps the same in SQLite). */
    save(): void {
      if (!opts.stateFile) return;
      const state: Persisted = { seqs: [...seqs], ballots: [...ballots.values()], voters: [...voters].map(([h, s]) => [h, [...s]]) };
      fs.writeFileSync(opts.stateFile, JSON.stringify(state));
    },
  };
}

/** The ready line the project's server prints (server/index.ts), so the parent waits the same way. */
export function printReady(port: number): void {
  process.stdout.write(JSON.stringify({ event: "ready", url: `http://127.0.0.1:${port}`, port }) + "\n");
}

/**
 * A load-generating client process: `node --import tsx bench/client.ts <socketio|ws> <url>`, forked by
 * bench/run.ts. It holds jurors and the chair, or spectators (or both), on their own connections and
 * does what the parent asks over IPC (bench/messages.ts). It runs apart from the server, so the load
 * generator never shares the server's event loop. It exits when the parent goes away.
 */
import { randomBytes } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { BallotView } from "../server/ballots/types";
import { HEARING_OPTIONS, type RequestMessage, type Requests, type ReplyMessage, type VoteRecord } from "./messages";
import { Spectator } from "./spectator";
import { Histogram, monoMs } from "./stats";
import { openConn, type LiveConn, type TransportKind } from "./transport";

const [kind, url] = process.argv.slice(2) as [TransportKind, string];
if (!process.send || (kind !== "socketio" && kind !== "ws") || !url) {
  console.error("usage: forked by bench/run.ts with <socketio|ws> <url>");
  process.exit(2);
}

const CAST_TIMEOUT_MS = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Member = { conn: LiveConn; joined: boolean };
let chair: Member | null = null;
const jurors = new Map<number, Member>();
const groups = { main: [] as Spectator[], storm: [] as Spectator[] };
const eld = monitorEventLoopDelay({ resolution: 10 });
eld.enable();

/** A juror's or the chair's connection: joins the hearing on every (re)connect, as the page does. */
function member(hearingId: number, identity: Parameters<typeof openConn>[2]): Member {
  const m: Member = { conn: openConn(kind, url, identity), joined: false };
  m.conn.on("connect", () => {
    void m.conn.request("hearing:join", { hearingId }).then((r) => (m.joined = r.ok));
  });
  m.conn.on("disconnect", () => (m.joined = false));
  return m;
}

async function until(check: () => boolean, timeoutMs: number, everyMs = 10): Promise<boolean> {
  const deadline = monoMs() + timeoutMs;
  while (!check()) {
    if (monoMs() > deadline) return false;
    await sleep(everyMs);
  }
  return true;
}

const handlers: { [K in keyof Requests]: (args: Requests[K]["req"]) => Promise<Requests[K]["res"]> } = {
  async "voters:connect"({ hearingId, chair: chairId, jurors: list }) {
    const t0 = monoMs();
    chair = member(hearingId, chairId);
    for (const j of list) jurors.set(j.repId, member(hearingId, j.identity));
    const all = [chair, ...jurors.values()];
    if (!(await until(() => all.every((m) => m.joined), 60_000))) throw new Error(`${all.filter((m) => !m.joined).length} jurors could not join`);
    return { ms: monoMs() - t0 };
  },

  async "voters:ready"({ timeoutMs }) {
    const all = [chair!, ...jurors.values()];
    const ready = await until(() => all.every((m) => m.joined && m.conn.connected), timeoutMs);
    return { ready, pending: all.filter((m) => !m.joined).length };
  },

  async "ballot:open"({ hearingId }) {
    const res = await chair!.conn.request<BallotView>("ballot:open", {
      scope: "hearing",
      scopeId: hearingId,
      question: "评理团认为本纠纷的责任在哪一方？",
      options: HEARING_OPTIONS,
      secret: false,
      quorum: 0,
      threshold: "majority_cast",
      passOptionId: null,
      tieRule: "revote",
    });
    if (!res.ok) throw new Error(`ballot:open refused: ${res.error.code}`);
    return { ballotId: res.data.id };
  },

  async "ballot:vote"({ ballotId, windowMs, choices }) {
    const votes = await Promise.all(
      choices.map(
        ({ repId, optionId }) =>
          new Promise<VoteRecord>((resolve) => {
            // Each juror taps at a random instant of the window, as a hall does after "please vote now".
            setTimeout(() => {
              const key = randomBytes(16).toString("hex");
              const emitAt = monoMs();
              const timer = setTimeout(() => resolve({ repId, optionId, emitAt, ackAt: null, error: "timeout" }), CAST_TIMEOUT_MS);
              jurors.get(repId)!.conn.emit<unknown>("ballot:cast", { ballotId, optionId, key }, (res) => {
                clearTimeout(timer);
                resolve({ repId, optionId, emitAt, ackAt: monoMs(), error: res.ok ? null : res.error.code });
              });
            }, Math.random() * windowMs);
          }),
      ),
    );
    return { votes };
  },

  async "ballot:close"({ ballotId }) {
    const res = await chair!.conn.request<BallotView>("ballot:close", { ballotId });
    if (!res.ok) throw new Error(`ballot:close refused: ${res.error.code}`);
    return { counts: res.data.result?.counts ?? res.data.tally.counts ?? null };
  },

  async "spectators:connect"({ hearingId, count, concurrency, group }) {
    const hist = new Histogram();
    let failed = 0;
    let next = 0;
    const t0 = monoMs();
    const worker = async () => {
      while (next < count) {
        next += 1;
        const started = monoMs();
        const s = new Spectator(kind, url, hearingId);
        groups[group].push(s);
        if (await s.joined(60_000)) hist.record(monoMs() - started);
        else failed += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
    return { joined: count - failed, failed, wallMs: monoMs() - t0, joinMs: hist.toSparse() };
  },

  async "spectators:await"({ ballotId, until: what, cast, timeoutMs }) {
    const done = (s: Spectator) => s.ballotId === ballotId && (what === "closed" ? s.status === "closed" : (s.tally?.cast ?? -1) >= cast!);
    await until(() => groups.main.every(done), timeoutMs);
    const ready = groups.main.filter(done).length;
    return { ready, pending: groups.main.length - ready };
  },

  async "spectators:report"({ ballotId, emits, expected }) {
    const hist = new Histogram();
    let correct = 0;
    let missing = 0;
    let gaps = 0;
    let joinFailures = 0;
    for (const s of groups.main) {
      if (s.ballotId === ballotId && s.status === "closed" && s.matches(expected)) correct += 1;
      for (const [voterId, emitAt] of emits) {
        const at = s.ballotId === ballotId ? s.seen.get(voterId) : undefined;
        if (at === undefined) missing += 1;
        else hist.record(at - emitAt);
      }
      gaps += s.gaps;
      joinFailures += s.joinFailures;
      s.gaps = 0;
      s.joinFailures = 0;
    }
    return { spectators: groups.main.length, correct, missing, latency: hist.toSparse(), gaps, joinFailures };
  },

  async "spectators:rejoined"({ ballotId, since, expected, timeoutMs }) {
    const done = (s: Spectator) => s.lastJoinAt > since && s.ballotId === ballotId && s.matches(expected);
    await until(() => groups.main.every(done), timeoutMs, 5);
    const ok = groups.main.filter(done);
    return { at: ok.map((s) => s.lastJoinAt), pending: groups.main.length - ok.length, joinFailures: groups.main.reduce((n, s) => n + s.joinFailures, 0) };
  },

  async disconnect({ group }) {
    for (const g of group ? [group] : (["main", "storm"] as const)) {
      for (const s of groups[g]) s.close();
      groups[g] = [];
    }
    if (!group) {
      for (const m of [chair, ...jurors.values()]) m?.conn.close();
      chair = null;
      jurors.clear();
    }
    return {};
  },

  async eld({ reset }) {
    const out = { p99Ms: eld.percentile(99) / 1e6, maxMs: eld.max / 1e6 };
    if (reset) eld.reset();
    return out;
  },
};

process.on("message", (msg: RequestMessage) => {
  const handler = handlers[msg.cmd] as (args: unknown) => Promise<unknown>;
  handler(msg.args).then(
    (data) => process.send!({ id: msg.id, ok: true, data } satisfies ReplyMessage),
    (err: unknown) => process.send!({ id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies ReplyMessage),
  );
});
// The parent is gone (finished, interrupted or killed): nothing here may outlive it.
process.on("disconnect", () => process.exit(0));
process.send({ ready: true });

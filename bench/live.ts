/**
 * The live path under load, for one server (the project or a raw baseline) and one shape: jurors and
 * the chair in one client process, spectators split over two or more (one per 2,500 spectators, at
 * most eight; spectatorProcesses below); voting rounds; then, where the shape asks for them, a join
 * storm and a reconnect storm after a server restart.
 */
import fs from "node:fs";
import path from "node:path";
import { HEARING_OPTIONS, type JoinReport, type RoundReport, type VoteRecord } from "./messages";
import { ClientProc, cpuSeconds, rssKb, startServer, stopServer, type ServerKind, type ServerProc } from "./procs";
import type { BenchData } from "./setup";
import type { Expected } from "./spectator";
import { Histogram, monoMs, percentile, round } from "./stats";

export type Shape = {
  jurors: number;
  spectators: number;
  rounds: number;
  /** Spectators that connect all at once while the shape's spectators watch. */
  joinStorm?: number;
  /** Restart the server with a ballot open and every vote in; wait until every spectator has the tally again. */
  reconnect?: boolean;
};

export type ShapeResult = {
  jurors: number;
  spectators: number;
  rounds: number;
  votes: number;
  vote_errors: number;
  vote_ack_p50_ms: number | null;
  vote_ack_p99_ms: number | null;
  vote_to_spectator_p50_ms: number | null;
  vote_to_spectator_p99_ms: number | null;
  vote_to_spectator_max_ms: number | null;
  /** (vote, spectator) pairs never delivered before the ballot closed. */
  missing_pairs: number;
  /** Spectators (summed over rounds) whose final state was the closed ballot with the expected counts. */
  spectators_correct: number;
  spectators_checked: number;
  spectators_correct_ratio: number;
  /** Sequence gaps the spectators saw (each costs a fresh snapshot). */
  gaps: number;
  connect: { wall_ms: number; join_p50_ms: number | null; join_p99_ms: number | null; failed: number };
  rss_before_kb: number;
  rss_after_kb: number;
  rss_per_spectator_kb: number;
  /** After the rounds, spectators still connected: the steady state with their garbage collected or not. */
  rss_after_rounds_kb: number;
  /** CPU during the voting rounds, in % of one core (100 = one core busy). */
  server_cpu_pct: number;
  load_generator_cpu_pct: number;
  /** The clients' own event-loop delay during the rounds: high means the load generator lags. */
  voter_loop_delay_p99_ms: number;
  spectator_loop_delay_p99_ms: number;
  join_storm?: { spectators: number; wall_ms: number; join_p50_ms: number | null; join_p99_ms: number | null; failed: number };
  reconnect_storm?: {
    spectators: number;
    /** From SIGTERM to the server being ready again. */
    restart_ms: number;
    /** From SIGTERM until each spectator holds the right tally again (fresh snapshot). */
    all_correct_ms: number | null;
    /** The same, from the moment the restarted server printed its ready line. */
    all_correct_after_ready_ms: number | null;
    p50_ms: number | null;
    p99_ms: number | null;
    pending: number;
    /** After the ballot closed: share of spectators with the right final tally. */
    final_correct_ratio: number;
  };
};

/** The server under test; replaced when the reconnect storm restarts it. */
type ServerHolder = { server: ServerProc; dataDir: string; nodeArgs?: string[] };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const VOTE_WINDOW_MS = 1000;
/**
 * How long every spectator may take to hold a tally or the closed ballot: 15 s, and 3 ms per spectator
 * above 5,000 (30 s at 10,000), since one broadcast reaching 10,000 sockets and the client processes
 * reading them takes seconds on two cores. A miss is counted (missing pairs, wrong tallies), not waited out.
 */
const waitMs = (spectators: number) => 15_000 + Math.max(0, spectators - 5000) * 3;
/**
 * Spectators opening connections at the same time while a shape fills up (a hall filling), in all:
 * split over the spectator processes, so that filling the hall is the same work per shape whatever
 * the number of processes (50 per process with two, as before the processes grew with the shape).
 */
const CONNECT_CONCURRENCY = 100;
/** Filling the hall: at most five minutes, and 45 ms per spectator above that (7½ minutes at 10,000). */
const fillTimeoutMs = (spectators: number) => Math.max(300_000, spectators * 45);
/** One spectator process per this many spectators (a process's event loop reads every broadcast for each of its sockets). */
const SPECTATORS_PER_PROCESS = 2500;
const MIN_SPECTATOR_PROCESSES = 2;
/** A bound, so a typo in a shape cannot fork a hundred processes on a shared machine. */
const MAX_SPECTATOR_PROCESSES = 8;

/** How many spectator client processes a shape gets: 2 up to 5,000 spectators, 4 at 10,000. */
export const spectatorProcesses = (spectators: number) =>
  Math.min(MAX_SPECTATOR_PROCESSES, Math.max(MIN_SPECTATOR_PROCESSES, Math.ceil(spectators / SPECTATORS_PER_PROCESS)));

type Clients = { voters: ClientProc; spectators: ClientProc[] };

/**
 * One shape against one server: a fresh server process (so RSS and CPU belong to this shape alone)
 * and fresh client processes, all stopped before it returns.
 */
export async function runCase(
  kind: ServerKind,
  shape: Shape,
  data: BenchData,
  opts: { dataDir: string; nodeArgs?: string[]; log: (m: string) => void },
): Promise<ShapeResult> {
  // A baseline starts from an empty room, as the project starts from closed ballots.
  fs.rmSync(path.join(opts.dataDir, `${kind}-state.json`), { force: true });
  const holder: ServerHolder = { server: await startServer(kind, { dataDir: opts.dataDir, nodeArgs: opts.nodeArgs }), dataDir: opts.dataDir, nodeArgs: opts.nodeArgs };
  try {
    const clients = await startClients(kind, holder.server.url, spectatorProcesses(shape.spectators));
    try {
      return await runShape(kind, holder, clients, data, shape, opts.log);
    } finally {
      for (const c of [clients.voters, ...clients.spectators]) c.stop();
    }
  } finally {
    await stopServer(holder.server);
  }
}

async function startClients(kind: ServerKind, url: string, spectatorProcs: number): Promise<Clients> {
  const transport = kind === "ws" ? "ws" : "socketio";
  // allSettled: if one fails to start, the others are stopped here rather than left to stopAll().
  const started = await Promise.allSettled([
    ClientProc.start(`${kind}/voters`, transport, url),
    ...Array.from({ length: spectatorProcs }, (_, i) => ClientProc.start(`${kind}/spectators-${i + 1}`, transport, url)),
  ]);
  const failed = started.find((r): r is PromiseRejectedResult => r.status === "rejected");
  const procs = started.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  if (failed) {
    for (const c of procs) c.stop();
    throw failed.reason;
  }
  const [voters, ...spectators] = procs;
  return { voters, spectators };
}

const split = (n: number, parts: number) => Array.from({ length: parts }, (_, i) => Math.floor(n / parts) + (i < n % parts ? 1 : 0));

function mergeJoins(reports: JoinReport[]) {
  const h = new Histogram();
  for (const r of reports) h.merge(r.joinMs);
  return {
    wall_ms: round(Math.max(...reports.map((r) => r.wallMs)), 0)!,
    join_p50_ms: round(h.percentile(0.5)),
    join_p99_ms: round(h.percentile(0.99)),
    failed: reports.reduce((n, r) => n + r.failed, 0),
  };
}

async function runShape(kind: ServerKind, holder: ServerHolder, clients: Clients, data: BenchData, shape: Shape, log: (m: string) => void): Promise<ShapeResult> {
  const hearing = data.hearings.get(shape.jurors)!;
  const { voters, spectators } = clients;
  const project = kind === "project";
  const hearingId = hearing.hearingId;
  const all = () => [voters, ...spectators];
  const publicId = new Map(hearing.jurors.map((j) => [j.representativeId, project ? j.seat : String(j.representativeId)]));
  const eachSpectators = <T>(fn: (c: ClientProc, i: number) => Promise<T>) => Promise.all(spectators.map(fn));

  await voters.request("voters:connect", {
    hearingId,
    chair: project ? { cookie: data.mediatorCookie } : { chair: true },
    jurors: hearing.jurors.map((j) => ({ repId: j.representativeId, identity: project ? { cookie: j.cookie } : { voter: j.representativeId } })),
  });
  await sleep(500);
  const rssBefore = rssKb(holder.server.pid);
  const counts = split(shape.spectators, spectators.length);
  const concurrency = split(CONNECT_CONCURRENCY, spectators.length);
  const joins = await eachSpectators((c, i) =>
    c.request("spectators:connect", { hearingId, count: counts[i], concurrency: concurrency[i], group: "main" }, fillTimeoutMs(shape.spectators)),
  );
  const connect = mergeJoins(joins);
  await sleep(1000);
  const rssAfter = rssKb(holder.server.pid);
  log(`  ${shape.spectators} spectators joined in ${connect.wall_ms} ms over ${spectators.length} spectator processes (${connect.failed} failed)`);
  const WAIT_MS = waitMs(shape.spectators);

  const ack: number[] = [];
  const latency = new Histogram();
  let votes = 0;
  let voteErrors = 0;
  let missing = 0;
  let gaps = 0;
  let correct = 0;
  let watched = 0;

  /** One ballot: open, every juror votes at a random instant of the window, wait for the tallies. */
  async function ballotWithVotes(): Promise<{ ballotId: number; votes: VoteRecord[]; expected: Expected }> {
    const { ballotId } = await voters.request("ballot:open", { hearingId });
    await eachSpectators((c) => c.request("spectators:await", { ballotId, until: "cast", cast: 0, timeoutMs: WAIT_MS }));
    const choices = hearing.jurors.map((j) => ({ repId: j.representativeId, optionId: HEARING_OPTIONS[Math.floor(Math.random() * HEARING_OPTIONS.length)].id }));
    const { votes: cast } = await voters.request("ballot:vote", { ballotId, windowMs: VOTE_WINDOW_MS, choices }, 60_000);
    const expected: Expected = { cast: 0, counts: Object.fromEntries(HEARING_OPTIONS.map((o) => [o.id, 0])) };
    for (const v of cast) {
      votes += 1;
      if (v.error || v.ackAt === null) {
        voteErrors += 1;
        continue;
      }
      ack.push(v.ackAt - v.emitAt);
      expected.cast += 1;
      expected.counts[v.optionId] += 1;
    }
    await eachSpectators((c) => c.request("spectators:await", { ballotId, until: "cast", cast: expected.cast, timeoutMs: WAIT_MS }));
    return { ballotId, votes: cast, expected };
  }

  async function closeAndReport(ballotId: number, cast: VoteRecord[], expected: Expected): Promise<RoundReport[]> {
    await voters.request("ballot:close", { ballotId });
    await eachSpectators((c) => c.request("spectators:await", { ballotId, until: "closed", timeoutMs: WAIT_MS }));
    // The project's tally names a juror by seat pseudonym, the raw servers by representative id.
    const emits = cast.filter((v) => !v.error).map((v) => [publicId.get(v.repId)!, v.emitAt] as [string, number]);
    return eachSpectators((c) => c.request("spectators:report", { ballotId, emits, expected }));
  }

  const cpu0 = { server: cpuSeconds(holder.server.pid), clients: all().reduce((s, c) => s + cpuSeconds(c.pid), 0) };
  await Promise.all(all().map((c) => c.request("eld", { reset: true })));
  const t0 = monoMs();
  for (let r = 0; r < shape.rounds; r++) {
    const { ballotId, votes: cast, expected } = await ballotWithVotes();
    for (const rep of await closeAndReport(ballotId, cast, expected)) {
      latency.merge(rep.latency);
      missing += rep.missing;
      gaps += rep.gaps;
      correct += rep.correct;
      watched += rep.spectators;
    }
    await sleep(200);
  }
  const wall = (monoMs() - t0) / 1000;
  const cpu1 = { server: cpuSeconds(holder.server.pid), clients: all().reduce((s, c) => s + cpuSeconds(c.pid), 0) };
  const rssAfterRounds = rssKb(holder.server.pid);
  const [voterLoop, ...spectatorLoops] = await Promise.all(all().map((c) => c.request("eld", { reset: true })));
  log(`  ${shape.rounds} rounds: vote→spectator p99 ${round(latency.percentile(0.99))} ms, ack p99 ${round(percentile(ack, 0.99))} ms, ${missing} (vote, spectator) pairs missing`);

  const result: ShapeResult = {
    jurors: shape.jurors,
    spectators: shape.spectators,
    rounds: shape.rounds,
    votes,
    vote_errors: voteErrors,
    vote_ack_p50_ms: round(percentile(ack, 0.5), 2),
    vote_ack_p99_ms: round(percentile(ack, 0.99), 2),
    vote_to_spectator_p50_ms: round(latency.percentile(0.5)),
    vote_to_spectator_p99_ms: round(latency.percentile(0.99)),
    vote_to_spectator_max_ms: round(latency.max),
    missing_pairs: missing,
    spectators_correct: 0,
    spectators_checked: 0,
    spectators_correct_ratio: 0,
    gaps,
    connect,
    rss_before_kb: rssBefore,
    rss_after_kb: rssAfter,
    rss_per_spectator_kb: round((rssAfter - rssBefore) / shape.spectators, 1)!,
    rss_after_rounds_kb: rssAfterRounds,
    server_cpu_pct: round(((cpu1.server - cpu0.server) / wall) * 100, 0)!,
    load_generator_cpu_pct: round(((cpu1.clients - cpu0.clients) / wall) * 100, 0)!,
    voter_loop_delay_p99_ms: round(voterLoop.p99Ms, 1)!,
    spectator_loop_delay_p99_ms: round(Math.max(...spectatorLoops.map((l) => l.p99Ms)), 1)!,
  };

  if (shape.joinStorm) {
    const n = split(shape.joinStorm, spectators.length);
    const storm = await eachSpectators((c, i) => c.request("spectators:connect", { hearingId, count: n[i], concurrency: n[i], group: "storm" }, 120_000));
    result.join_storm = { spectators: shape.joinStorm, ...mergeJoins(storm) };
    await eachSpectators((c) => c.request("disconnect", { group: "storm" }));
    log(`  join storm: ${shape.joinStorm} at once, all in ${result.join_storm.wall_ms} ms`);
    await sleep(500);
  }

  if (shape.reconnect) {
    const { ballotId, votes: cast, expected } = await ballotWithVotes();
    const since = monoMs();
    const port = holder.server.port;
    await stopServer(holder.server);
    holder.server = await startServer(kind, { dataDir: holder.dataDir, port, nodeArgs: holder.nodeArgs });
    const restartMs = monoMs() - since;
    log(`  restarted in ${round(restartMs, 0)} ms; waiting for every spectator…`);
    const back = await eachSpectators((c) => c.request("spectators:rejoined", { ballotId, since, expected, timeoutMs: 60_000 }, 90_000));
    const at = back.flatMap((b) => b.at.map((t) => t - since));
    const pending = back.reduce((n, b) => n + b.pending, 0);
    const ready = await voters.request("voters:ready", { timeoutMs: 30_000 }, 60_000);
    if (!ready.ready) throw new Error(`${ready.pending} jurors did not come back after the restart`);
    const reports = await closeAndReport(ballotId, cast, expected);
    const finalCorrect = reports.reduce((n, r) => n + r.correct, 0);
    const finalWatched = reports.reduce((n, r) => n + r.spectators, 0);
    correct += finalCorrect;
    watched += finalWatched;
    gaps += reports.reduce((n, r) => n + r.gaps, 0);
    result.reconnect_storm = {
      spectators: shape.spectators,
      restart_ms: round(restartMs, 0)!,
      all_correct_ms: pending === 0 ? round(Math.max(...at), 0) : null,
      all_correct_after_ready_ms: pending === 0 ? round(Math.max(...at) - restartMs, 0) : null,
      p50_ms: round(percentile(at, 0.5), 0),
      p99_ms: round(percentile(at, 0.99), 0),
      pending,
      final_correct_ratio: round(finalCorrect / Math.max(1, finalWatched), 4)!,
    };
    log(`  reconnect storm: server back in ${result.reconnect_storm.restart_ms} ms, every spectator right again after ${result.reconnect_storm.all_correct_ms} ms`);
  }

  result.spectators_correct = correct;
  result.spectators_checked = watched;
  // Six digits: one spectator in 25,000 wrong must not round to 1.
  result.spectators_correct_ratio = round(correct / Math.max(1, watched), 6)!;
  return result;
}

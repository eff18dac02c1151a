/**
 * `npm run bench [-- --quick] [-- --json]`: the live path and the public pages of the production
 * server, each beside a raw baseline, in one run. See docs/performance.md for what is measured, how,
 * and the figures of a run on the reference machine.
 *
 * 1. Builds if build/ is missing; writes the data (bench/setup.ts) to a temporary data directory.
 * 2. Measures the vote's database transaction and the hot reads in-process (bench/in-process.ts),
 *    before any server runs.
 * 3. Shape by shape (bench/live.ts): `node build/server.js` on that directory, then the raw socket.io
 *    server, then the raw ws server, each a fresh process driven by fresh client processes
 *    (bench/client.ts; the spectators over 2–8 processes, one per 2,500).
 * 4. The public pages on a fresh `node build/server.js` (bench/pages.ts).
 * 5. The growth curve (bench/growth.ts) over the 50-juror shapes — 1,000, 5,000 and 10,000 spectators —
 *    in the table and the JSON, and as an SVG (bench/plot.ts).
 * Prints a table, or with --json one JSON object. Everything it starts is stopped in `finally` and on
 * SIGINT/SIGTERM; every wait is bounded; all traffic stays on 127.0.0.1.
 *
 * Other flags: --quick (small shapes, few rounds: a smoke run), --storm-5000 (the reconnect storm at
 * 5,000 spectators too), --profile (the project's server under V8's profiler, summarised at the end),
 * --servers=project,socketio and --shapes=50x1000 (a subset, while investigating),
 * --table=<file.json> (print the table of a saved --json run, running nothing),
 * --plot=<file.svg> (write the growth curve there; a full run — no --quick, --shapes or --servers —
 * writes docs/performance-growth.svg unless told otherwise, any other run only when asked; with
 * --table it re-draws the curve of the saved run).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../server/paths";
import { growthFrom } from "./growth";
import { measureInProcess, type CommitFigures, type HotPathFigures } from "./in-process";
import { runCase, type Shape, type ShapeResult } from "./live";
import { measurePages, removeStaticCopy, type PagesReport } from "./pages";
import { startServer, stopAll, stopServer, type ServerKind } from "./procs";
import { profilesIn, summariseProfile } from "./profile";
import { renderGrowthSvg } from "./plot";
import { printProfiles, printTable } from "./report";
import { prepareBenchData } from "./setup";
import { monoMs, round } from "./stats";

const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const asJson = argv.includes("--json");
/** Run the project's server under V8's sampling profiler and summarise where its time goes. */
const profile = argv.includes("--profile");
const log = (m: string) => process.stderr.write(m + "\n");
/** `--flood`: only the flood benchmark (bench/flood.ts), then exit. */
if (argv.includes("--flood")) {
  const { runFlood } = await import("./flood");
  await runFlood();
  process.exit(0);
}
/** `--memory`: what the server holds per spectator's connection, from heap snapshots (bench/socket-memory.ts). */
if (argv.includes("--memory")) {
  const { runSocketMemory } = await import("./socket-memory");
  await runSocketMemory();
  process.exit(0);
}

/**
 * The main shape first: its figures are the top-level keys. The 50-juror shapes make the growth curve
 * (bench/growth.ts): 1,000, 5,000 and 10,000 spectators; with --quick 200 and 400, so that the curve,
 * its table and its plot are exercised by a smoke run too.
 */
const ALL_SHAPES: Shape[] = quick
  ? [
      { jurors: 50, spectators: 200, rounds: 3, joinStorm: 100, reconnect: true },
      { jurors: 7, spectators: 200, rounds: 2 },
      { jurors: 50, spectators: 400, rounds: 2 },
    ]
  : [
      { jurors: 50, spectators: 1000, rounds: 10, joinStorm: 500, reconnect: true },
      { jurors: 7, spectators: 1000, rounds: 5 },
      { jurors: 7, spectators: 5000, rounds: 3 },
      // The reconnect storm at 5,000 costs the project minutes (docs/performance.md): only on request.
      { jurors: 50, spectators: 5000, rounds: 3, reconnect: argv.includes("--storm-5000") },
      // Issue 16: the top of the growth curve, on all three servers (the ws baseline's share of the run is
      // under a minute at this size). Spectators over four client processes (bench/live.ts).
      { jurors: 50, spectators: 10000, rounds: 3 },
    ];
/** `--servers=project,socketio` runs a subset (for profiling); the project always runs. */
/** `--shapes=50x1000,7x5000` runs a subset (for profiling); the first one listed is then the main shape. */
const shapeFilter = argv.find((a) => a.startsWith("--shapes="))?.slice(9).split(",");
const SHAPES = shapeFilter ? ALL_SHAPES.filter((s) => shapeFilter.includes(`${s.jurors}x${s.spectators}`)) : ALL_SHAPES;
if (SHAPES.length === 0) throw new Error(`--shapes matches none of ${ALL_SHAPES.map((s) => `${s.jurors}x${s.spectators}`).join(", ")}`);
const SERVERS: ServerKind[] = (["project", "socketio", "ws"] as const).filter(
  (k) => k === "project" || !argv.some((a) => a.startsWith("--servers=")) || argv.some((a) => a.startsWith("--servers=") && a.slice(10).split(",").includes(k)),
);
/** Every shape on every server: only such a run may replace the repository's growth plot by default. */
const fullRun = !quick && !shapeFilter && !argv.some((a) => a.startsWith("--servers="));
const plotArg = argv.find((a) => a.startsWith("--plot="))?.slice(7);
if (plotArg === "") throw new Error("--plot= needs a file name (--plot=growth.svg)");
/** Where the growth curve goes: --plot=<file>, else docs/performance-growth.svg after a full run, else nowhere. */
const plotPath = plotArg ?? (fullRun ? path.join(projectRoot, "docs/performance-growth.svg") : null);
const PAGE_SECONDS = quick ? 2 : 5;
const COMMIT_BALLOTS = quick ? 1 : 3;

export const shapeKey = (s: { jurors: number; spectators: number }) => `${s.jurors}x${s.spectators}`;

export type BenchReport = ReturnType<typeof summarise>;

let dataDir: string | null = null;
/** Kept after the run (outside the repository) so the raw profiles can be opened in DevTools. */
const profileDir = path.join(os.tmpdir(), `civic-bench-profile-${process.pid}`);
let cleaning: Promise<void> | null = null;
const cleanup = () =>
  (cleaning ??= (async () => {
    await stopAll();
    removeStaticCopy();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  })());

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`\n${signal}: stopping everything the bench started…`);
    void cleanup().finally(() => process.exit(130));
  });
}

function ensureBuild(): void {
  if (fs.existsSync(path.join(projectRoot, "build/server.js")) && fs.existsSync(path.join(projectRoot, "build/remix.js"))) return;
  log("build/ is missing: npm run build");
  const r = spawnSync("npm", ["run", "build"], { cwd: projectRoot, stdio: ["ignore", process.stderr, process.stderr] });
  if (r.status !== 0) throw new Error("npm run build failed");
}

/** The 1-minute load average when the run started: other work on the machine skews every figure. */
const loadAtStart = os.loadavg()[0];

async function main(): Promise<void> {
  const saved = argv.find((a) => a.startsWith("--table="));
  if (saved) {
    // A saved run: its table, and its growth curve re-drawn only where --plot says (never into the repository by default).
    const report = JSON.parse(fs.readFileSync(saved.slice(8), "utf8")) as BenchReport;
    printTable(report);
    if (plotArg) writePlot(report, plotArg);
    return;
  }
  const started = monoMs();
  ensureBuild();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "civic-bench-"));
  log(`data directory ${dataDir}`);
  const data = await prepareBenchData(dataDir, SHAPES.map((s) => s.jurors));
  log(`hearings ready: ${[...data.hearings].map(([n, h]) => `#${h.hearingId} with ${n} jurors`).join(", ")}`);

  const mainShape = SHAPES[0];
  const { commit, hot } = await measureInProcess(dataDir, data.hearings.get(mainShape.jurors)!, COMMIT_BALLOTS);
  log(`cast transaction in-process: p50 ${commit.cast_tx_p50_ms} ms, p99 ${commit.cast_tx_p99_ms} ms; spectator snapshot ${hot.spectator_snapshot_ms} ms`);

  const shapes: Record<string, Partial<Record<ServerKind, ShapeResult>>> = {};
  // Shape by shape, each server in turn, so that drift in the machine's load hits all three alike.
  for (const shape of SHAPES) {
    for (const kind of SERVERS) {
      log(`\n${kind}: ${shape.jurors} jurors × ${shape.spectators} spectators`);
      const nodeArgs = profile && kind === "project" ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
      (shapes[shapeKey(shape)] ??= {})[kind] = await runCase(kind, shape, data, { dataDir, nodeArgs, log });
    }
  }

  // The pages on a fresh server of their own, after the live path.
  log(`\npublic pages, ${PAGE_SECONDS} s per run…`);
  const server = await startServer("project", { dataDir, nodeArgs: profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [] });
  let pages: PagesReport;
  try {
    pages = await measurePages(server.url, data.publishedHearingId, PAGE_SECONDS);
  } finally {
    await stopServer(server);
  }

  const report = summarise({ shapes, pages, commit, hot, mainShape, seconds: (monoMs() - started) / 1000 });
  const profiles = profile ? profilesIn(profileDir).map((f) => summariseProfile(f)) : undefined;
  if (asJson) process.stdout.write(JSON.stringify(profiles ? { ...report, profiles } : report, null, 2) + "\n");
  else {
    printTable(report);
    if (profiles) printProfiles(profiles);
  }
  if (plotPath) writePlot(report, plotPath);
}

/** The growth curve of a run (live or saved) as an SVG file; progress on stderr, so --json stays clean. */
function writePlot(report: BenchReport, file: string): void {
  const growth = (report as Partial<BenchReport>).growth ?? growthFrom(report.shapes, Number(report.main_shape.split("x")[0]));
  if (growth.points.length === 0) {
    log(`no ${growth.jurors}-juror shape in this run: no growth plot written`);
    return;
  }
  const m = report.machine;
  const caption = `npm run bench${report.quick ? " --quick" : ""}: ${m.cpus} × ${m.model}, Node ${m.node}, load average ${m.load_start} → ${m.load_end}, ${report.seconds} s. Spectators filled 100 at a time; fresh server per shape.`;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, renderGrowthSvg(growth, caption) + "\n");
  log(`growth plot written to ${file}`);
}

function summarise(input: {
  shapes: Record<string, Partial<Record<ServerKind, ShapeResult>>>;
  pages: PagesReport;
  commit: CommitFigures;
  hot: HotPathFigures;
  mainShape: Shape;
  seconds: number;
}) {
  const { shapes, pages, commit, mainShape } = input;
  const main = shapes[shapeKey(mainShape)];
  const p = main.project!;
  const sio = main.socketio;
  const ws = main.ws;
  const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : round(a / b, 2));
  /** The main shape's juror count at `spectators` (50 × 5,000, 50 × 10,000), if this run measured it. */
  const at = (spectators: number) => shapes[shapeKey({ jurors: mainShape.jurors, spectators })];
  /**
   * The large hall the targets name: the 50-juror shape with the most spectators up to 5,000 besides the
   * main one (5,000 in a full run, 400 with --quick). Not 10,000: issue 16 sets no target there.
   */
  const large = Object.values(shapes)
    .map((s) => s.project!)
    .filter((r) => r.jurors === 50 && r.spectators <= 5000 && shapeKey(r) !== shapeKey(mainShape))
    .sort((a, b) => b.spectators - a.spectators)[0];
  const largePair = large ? { project: large, socketio: shapes[shapeKey(large)].socketio } : undefined;
  const correctEverywhere = Math.min(...Object.values(shapes).map((s) => s.project!.spectators_correct_ratio));
  const wrongEverywhere = Object.values(shapes).reduce((n, s) => n + s.project!.spectators_checked - s.project!.spectators_correct, 0);
  const gapsEverywhere = Object.values(shapes).reduce((n, s) => n + s.project!.gaps, 0);
  const rulingRatio = round(pages.plain.ruling.c10.rps / pages.plain.static.c10.rps, 2);
  /** Filling the hall (every spectator holding its snapshot), project ÷ raw socket.io. */
  const joinRatio = (s: Partial<Record<ServerKind, ShapeResult>> | undefined) => ratio(s?.project?.connect.wall_ms ?? null, s?.socketio?.connect.wall_ms ?? null);
  const v2sRatio = (s: Partial<Record<ServerKind, ShapeResult>> | undefined) =>
    ratio(s?.project?.vote_to_spectator_p99_ms ?? null, s?.socketio?.vote_to_spectator_p99_ms ?? null);

  const figures = {
    vote_ack_p50_ms: p.vote_ack_p50_ms,
    vote_ack_p99_ms: p.vote_ack_p99_ms,
    vote_to_spectator_p50_ms: p.vote_to_spectator_p50_ms,
    vote_to_spectator_p99_ms: p.vote_to_spectator_p99_ms,
    baseline_vote_to_spectator_p50_ms: sio?.vote_to_spectator_p50_ms ?? null,
    baseline_vote_to_spectator_p99_ms: sio?.vote_to_spectator_p99_ms ?? null,
    baseline_ws_vote_to_spectator_p99_ms: ws?.vote_to_spectator_p99_ms ?? null,
    vote_to_spectator_p99_ratio: ratio(p.vote_to_spectator_p99_ms, sio?.vote_to_spectator_p99_ms ?? null),
    baseline_vote_ack_p99_ms: sio?.vote_ack_p99_ms ?? null,
    spectators_correct_ratio: p.spectators_correct_ratio,
    spectators_correct_ratio_all_shapes: correctEverywhere,
    rss_per_spectator_kb: p.rss_per_spectator_kb,
    baseline_rss_per_spectator_kb: sio?.rss_per_spectator_kb ?? null,
    server_cpu_pct: p.server_cpu_pct,
    baseline_server_cpu_pct: sio?.server_cpu_pct ?? null,
    load_generator_cpu_pct: p.load_generator_cpu_pct,
    ruling_page_rps: pages.plain.ruling.c10.rps,
    ruling_page_p99_ms: pages.plain.ruling.c10.p99_ms,
    home_page_rps: pages.plain.home.c10.rps,
    static_rps: pages.plain.static.c10.rps,
    static_p99_ms: pages.plain.static.c10.p99_ms,
    ruling_to_static_ratio: rulingRatio,
    /** The cast transaction's share of the median acknowledgement (both measured, see commit). */
    db_share_of_ack_p50: ratio(commit.cast_tx_p50_ms, p.vote_ack_p50_ms),
    // Issue 16: project ÷ raw socket.io; `null` where either side did not run.
    join_ratio: joinRatio(main),
    join_ratio_5000: joinRatio(at(5000)),
    join_ratio_10000: joinRatio(at(10000)),
    join_storm_ratio: ratio(p.join_storm?.wall_ms ?? null, sio?.join_storm?.wall_ms ?? null),
    /** SIGTERM → every spectator holding the right tally again from a fresh snapshot. */
    reconnect_storm_ratio: ratio(p.reconnect_storm?.all_correct_ms ?? null, sio?.reconnect_storm?.all_correct_ms ?? null),
    vote_ack_p99_ratio: ratio(p.vote_ack_p99_ms, sio?.vote_ack_p99_ms ?? null),
    /** RSS per spectator. */
    rss_ratio: ratio(p.rss_per_spectator_kb, sio?.rss_per_spectator_kb ?? null),
    vote_to_spectator_p99_ratio_5000: v2sRatio(at(5000)),
    vote_to_spectator_p99_ratio_10000: v2sRatio(at(10000)),
  };
  const t = (name: string, value: number | null, target: string, met: boolean) => ({ name, value, target, met });
  const atMost = (value: number | null, bound: number) => value !== null && value <= bound;
  // Issue 16 replaced three earlier targets with ratios to the raw socket.io server: ack p99 ≤ 25 ms by
  // ≤ 1.25×, vote→spectator p99 ≤ 1.5× by ≤ 1.2×, RSS per spectator ≤ 40 KB by ≤ 1.25×. The others stand.
  const targets = [
    t("vote ack p50 (ms)", p.vote_ack_p50_ms, "≤ 5", atMost(p.vote_ack_p50_ms, 5)),
    t("vote ack p99 ÷ raw socket.io", figures.vote_ack_p99_ratio, "≤ 1.25", atMost(figures.vote_ack_p99_ratio, 1.25)),
    t("vote→spectator p50 (ms)", p.vote_to_spectator_p50_ms, "≤ 50", atMost(p.vote_to_spectator_p50_ms, 50)),
    t("vote→spectator p99 (ms)", p.vote_to_spectator_p99_ms, "≤ 150", atMost(p.vote_to_spectator_p99_ms, 150)),
    t(`vote→spectator p99 at ${large?.spectators ?? "?"} spectators (ms)`, large?.vote_to_spectator_p99_ms ?? null, "≤ 300", atMost(large?.vote_to_spectator_p99_ms ?? null, 300)),
    t("vote→spectator p99 ÷ raw socket.io", figures.vote_to_spectator_p99_ratio, "≤ 1.2", atMost(figures.vote_to_spectator_p99_ratio, 1.2)),
    t(`vote→spectator p99 ÷ raw socket.io at ${large?.spectators ?? "?"} spectators`, v2sRatio(largePair), "≤ 1.2", atMost(v2sRatio(largePair), 1.2)),
    t(`filling the hall, ${p.spectators} spectators ÷ raw socket.io`, figures.join_ratio, "≤ 1.5", atMost(figures.join_ratio, 1.5)),
    t(`filling the hall, ${large?.spectators ?? "?"} spectators ÷ raw socket.io`, joinRatio(largePair), "≤ 1.5", atMost(joinRatio(largePair), 1.5)),
    t("join storm ÷ raw socket.io", figures.join_storm_ratio, "≤ 1.5", atMost(figures.join_storm_ratio, 1.5)),
    t("reconnect storm, every spectator right again ÷ raw socket.io", figures.reconnect_storm_ratio, "≤ 1.5", atMost(figures.reconnect_storm_ratio, 1.5)),
    t("spectators with the correct final tally, every shape", correctEverywhere, "= 1", wrongEverywhere === 0),
    t("sequence gaps, every shape", gapsEverywhere, "= 0", gapsEverywhere === 0),
    t("server RSS per spectator ÷ raw socket.io", figures.rss_ratio, "≤ 1.25", atMost(figures.rss_ratio, 1.25)),
    t("ruling page ÷ static file, rps at 10 connections", rulingRatio, "≥ 0.5", (rulingRatio ?? 0) >= 0.5),
  ];
  return {
    quick,
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? "?",
      node: process.version,
      memory_gb: round(os.totalmem() / 2 ** 30, 0),
      /** 1-minute load averages at the start and the end of the run (the bench itself adds about 1–2). */
      load_start: round(loadAtStart, 2),
      load_end: round(os.loadavg()[0], 2),
    },
    main_shape: shapeKey(mainShape),
    ...figures,
    db_commit: commit,
    hot_paths: input.hot,
    join_storm: p.join_storm ?? null,
    reconnect_storm: p.reconnect_storm ?? null,
    pages,
    shapes,
    /** Issue 16's growth curve: the main shape's juror count over every spectator count measured. */
    growth: growthFrom(shapes, mainShape.jurors),
    targets,
    seconds: round(input.seconds, 0),
  };
}

main()
  .catch((err: unknown) => {
    log(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanup();
    // Lingering handles (autocannon agents, timers) must not keep a finished bench alive.
    process.exit();
  });

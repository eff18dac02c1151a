/** The bench's table for people (`npm run bench` without --json). */
import { GROWTH_MEASURES, growthFrom, type Growth } from "./growth";
import type { ShapeResult } from "./live";
import type { ProfileSummary } from "./profile";
import type { ServerKind } from "./procs";
import type { BenchReport } from "./run";

type Cell = number | string | null | undefined;

const fmt = (v: Cell) => (v === null || v === undefined ? "—" : typeof v === "number" ? String(v) : v);
const ratio = (a: Cell, b: Cell) => (typeof a === "number" && typeof b === "number" && b !== 0 ? `${(a / b).toFixed(2)}×` : "—");

function table(head: string[], rows: Cell[][]): string {
  const cells = [head, ...rows.map((r) => r.map(fmt))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? "").length)));
  return cells.map((r, ri) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ") + (ri === 0 ? "\n" + widths.map((w) => "-".repeat(w)).join("  ") : "")).join("\n");
}

function shapeBlock(name: string, byServer: Partial<Record<ServerKind, ShapeResult>>): string {
  const p = byServer.project!;
  const s = byServer.socketio;
  const w = byServer.ws;
  const row = (label: string, pick: (r: ShapeResult) => Cell): Cell[] => {
    const [a, b, c] = [pick(p), s && pick(s), w && pick(w)];
    return [label, a, b, ratio(a, b), c, ratio(a, c)];
  };
  const rows: Cell[][] = [
    row("vote ack p50 (ms)", (r) => r.vote_ack_p50_ms),
    row("vote ack p99 (ms)", (r) => r.vote_ack_p99_ms),
    row("vote→spectator p50 (ms)", (r) => r.vote_to_spectator_p50_ms),
    row("vote→spectator p99 (ms)", (r) => r.vote_to_spectator_p99_ms),
    row("vote→spectator max (ms)", (r) => r.vote_to_spectator_max_ms),
    row("spectators correct (0–1)", (r) => r.spectators_correct_ratio),
    row("missing (vote, spectator) pairs", (r) => r.missing_pairs),
    row("sequence gaps", (r) => r.gaps),
    row("vote errors", (r) => r.vote_errors),
    row("server RSS per spectator (KB)", (r) => r.rss_per_spectator_kb),
    row("server CPU in rounds (% core)", (r) => r.server_cpu_pct),
    row("load generator CPU (% core)", (r) => r.load_generator_cpu_pct),
    row("voters' client event-loop delay p99 (ms)", (r) => r.voter_loop_delay_p99_ms),
    row("spectators' client event-loop delay p99 (ms)", (r) => r.spectator_loop_delay_p99_ms),
    row("all spectators joined (ms)", (r) => r.connect.wall_ms),
    row("join p99 while filling (ms)", (r) => r.connect.join_p99_ms),
  ];
  if (p.join_storm) {
    rows.push(row(`join storm: ${p.join_storm.spectators} at once, all in (ms)`, (r) => r.join_storm?.wall_ms));
    rows.push(row("join storm: join p99 (ms)", (r) => r.join_storm?.join_p99_ms));
    rows.push(row("join storm: failed", (r) => r.join_storm?.failed));
  }
  if (p.reconnect_storm) {
    rows.push(row("restart: SIGTERM → ready (ms)", (r) => r.reconnect_storm?.restart_ms));
    rows.push(row("restart: every spectator right (ms)", (r) => r.reconnect_storm?.all_correct_ms));
    rows.push(row("  of which after ready (ms)", (r) => r.reconnect_storm?.all_correct_after_ready_ms));
    rows.push(row("restart: spectator p50 (ms)", (r) => r.reconnect_storm?.p50_ms));
    rows.push(row("restart: not back", (r) => r.reconnect_storm?.pending));
    rows.push(row("restart: final tally correct (0–1)", (r) => r.reconnect_storm?.final_correct_ratio));
  }
  return `\n${name} (${p.rounds} rounds, ${p.votes} votes)\n` + table(["", "project", "socket.io", "÷", "ws", "÷"], rows);
}

export function printTable(r: BenchReport): void {
  const out: string[] = [];
  out.push(
    `npm run bench${r.quick ? " --quick" : ""}: ${r.machine.cpus} × ${r.machine.model}, Node ${r.machine.node}, ${r.seconds} s, load average ${r.machine.load_start} → ${r.machine.load_end}`,
  );
  out.push("\nLive path (÷: project divided by the raw server; lower is better for times)");
  for (const [key, byServer] of Object.entries(r.shapes)) {
    const [j, s] = key.split("x");
    out.push(shapeBlock(`${j} jurors × ${s} spectators${key === r.main_shape ? " — main shape" : ""}`, byServer));
  }
  // Older saved runs have no `growth` key: the curve comes back from their shapes.
  out.push(growthBlock((r as Partial<BenchReport>).growth ?? growthFrom(r.shapes, Number(r.main_shape.split("x")[0]))));
  const pg = r.pages;
  out.push(`\nPublic pages (autocannon, ${pg.duration_s} s per run; static = the ruling page's ${pg.bytes} bytes as a file)`);
  const pageRow = (label: string, f: { rps: number; p99_ms: number; non2xx: number; errors: number }, ref: { rps: number }) => [label, f.rps, ratio(f.rps, ref.rps), f.p99_ms, f.non2xx + f.errors];
  out.push(
    table(
      ["", "req/s", "÷ static", "p99 (ms)", "non-2xx + errors"],
      [
        pageRow("ruling page, 10 conn", pg.plain.ruling.c10, pg.plain.static.c10),
        pageRow("home page, 10 conn", pg.plain.home.c10, pg.plain.static.c10),
        pageRow("static file, 10 conn", pg.plain.static.c10, pg.plain.static.c10),
        pageRow("ruling page, 100 conn", pg.plain.ruling.c100, pg.plain.static.c100),
        pageRow("home page, 100 conn", pg.plain.home.c100, pg.plain.static.c100),
        pageRow("static file, 100 conn", pg.plain.static.c100, pg.plain.static.c100),
        pageRow("ruling page, 10 conn, gzip", pg.gzip.ruling, pg.gzip.static),
        pageRow("home page, 10 conn, gzip", pg.gzip.home, pg.gzip.static),
        pageRow("static file, 10 conn, gzip", pg.gzip.static, pg.gzip.static),
        ...(pg.ruling_rendered ? [pageRow("ruling page rendered each time (cache bypassed), 10 conn", pg.ruling_rendered, pg.plain.static.c10)] : []),
      ],
    ),
  );
  const c = r.db_commit;
  out.push(`\nDatabase commit (in-process, same transaction and pragmas, same disk, quiet machine; ${c.samples} casts)`);
  out.push(
    table(
      ["", "p50 (ms)", "p99 (ms)"],
      [
        ["ballot cast transaction, synchronous=FULL", c.cast_tx_p50_ms, c.cast_tx_p99_ms],
        ["ballot cast transaction, synchronous=OFF", c.cast_tx_nosync_p50_ms, null],
        ["one-row commit, synchronous=FULL", c.commit_p50_ms, c.commit_p99_ms],
        ["share of the median vote ack", r.db_share_of_ack_p50, null],
      ],
    ),
  );
  const h = r.hot_paths;
  out.push(`\nHot paths in-process (median; 50-juror ballot open with every vote in)`);
  out.push(
    table(
      ["", "ms"],
      [
        [`spectator snapshot on join (${h.spectator_snapshot_bytes} bytes of JSON)`, h.spectator_snapshot_ms],
        ["  of which the ballot state / one tally broadcast", h.ballot_state_ms],
        ["drizzle select by primary key", h.drizzle_select_ms],
        ["same statement prepared once (better-sqlite3)", h.prepared_select_ms],
      ],
    ),
  );
  out.push("\nTargets");
  out.push(table(["", "value", "target", "met"], r.targets.map((t) => [t.name, t.value, t.target, t.met ? "yes" : "NO"])));
  process.stdout.write(out.join("\n") + "\n");
}

/**
 * Issue 16's growth curve: one row per measure, one column per spectator count, each cell
 * "project / raw socket.io (÷)", then the raw ws server's figures where it ran.
 */
function growthBlock(g: Growth): string {
  if (g.points.length === 0) return `\nGrowth: no ${g.jurors}-juror shape in this run`;
  const cell = (a: number | null, b: number | null | undefined, q: number | null) => `${fmt(a)} / ${fmt(b)}${q === null ? "" : ` (${q.toFixed(2)}×)`}`;
  const rows: Cell[][] = GROWTH_MEASURES.map((m) => [m.label, ...g.points.map((p) => cell(p.project[m.key], p.socketio?.[m.key], p.ratio[m.key]))]);
  if (g.points.some((p) => p.ws)) rows.push(...GROWTH_MEASURES.map((m): Cell[] => [`  raw ws: ${m.label}`, ...g.points.map((p) => p.ws?.[m.key])]));
  const head = ["", ...g.points.map((p) => `${p.spectators} spectators`)];
  return `\nGrowth with the hall, ${g.jurors} jurors (project / raw socket.io (÷); the plot: --plot=<file.svg>)\n` + table(head, rows);
}

export function printProfiles(profiles: ProfileSummary[]): void {
  for (const p of profiles) {
    const out = [`\nServer profile ${p.file}: ${p.total_ms} ms, ${p.idle_pct} % idle, GC ${p.gc_pct} % of busy time`];
    out.push(table(["self time by file / package", "ms", "% busy"], p.top_files.slice(0, 15).map((f) => [f.file, f.self_ms, f.pct])));
    out.push(table(["self time by function", "ms", "% busy"], p.top_functions.slice(0, 25).map((f) => [f.fn, f.self_ms, f.pct])));
    process.stdout.write(out.join("\n") + "\n");
  }
}

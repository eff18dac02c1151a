/**
 * The growth curve (issue 16): how the live path's costs grow with the hall, at the main shape's juror
 * count (50) over every spectator count the run measured (1,000, 5,000 and 10,000 in a full run; 200 and
 * 400 with --quick), for the project beside the raw servers. Derived from the per-shape results alone,
 * so a saved JSON run without a `growth` key (older runs) gets the same curve back (`--table=run.json`).
 */
import type { ShapeResult } from "./live";
import type { ServerKind } from "./procs";
import { round } from "./stats";

/** The measures of the curve, in the order the table and the plot show them. */
export const GROWTH_MEASURES = [
  { key: "join_ms", label: "filling the hall (ms)", plot: "Filling the hall (s)", scale: 1 / 1000 },
  { key: "vote_ack_p99_ms", label: "vote ack p99 (ms)", plot: "Vote ack p99 (ms)", scale: 1 },
  { key: "vote_to_spectator_p99_ms", label: "vote→spectator p99 (ms)", plot: "Vote→spectator p99 (ms)", scale: 1 },
  { key: "rss_per_spectator_kb", label: "server RSS per spectator (KB)", plot: "Server RSS per spectator (KB)", scale: 1 },
  { key: "rss_total_kb", label: "server RSS, hall full (KB)", plot: "Server RSS, hall full (MB)", scale: 1 / 1024 },
  { key: "server_cpu_pct", label: "server CPU in rounds (% core)", plot: "Server CPU in rounds (% of a core)", scale: 1 },
] as const;

export type GrowthMeasure = (typeof GROWTH_MEASURES)[number]["key"];
export type GrowthFigures = Record<GrowthMeasure, number | null>;

export type GrowthPoint = {
  spectators: number;
  /** `null` where that server did not run this shape (`--servers=`, or ws left out). */
  project: GrowthFigures;
  socketio: GrowthFigures | null;
  ws: GrowthFigures | null;
  /** project ÷ raw socket.io, per measure (`null` without socket.io). */
  ratio: Record<GrowthMeasure, number | null>;
};

export type Growth = { jurors: number; points: GrowthPoint[] };

const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : round(a / b, 2));

function figures(r: ShapeResult): GrowthFigures {
  return {
    join_ms: r.connect.wall_ms,
    vote_ack_p99_ms: r.vote_ack_p99_ms,
    vote_to_spectator_p99_ms: r.vote_to_spectator_p99_ms,
    rss_per_spectator_kb: r.rss_per_spectator_kb,
    // The server's whole RSS 1 s after the last spectator joined (what an operator's monitor shows).
    rss_total_kb: r.rss_after_kb,
    server_cpu_pct: r.server_cpu_pct,
  };
}

export function growthFrom(shapes: Record<string, Partial<Record<ServerKind, ShapeResult>>>, jurors: number): Growth {
  const points = Object.values(shapes)
    .filter((s) => s.project?.jurors === jurors)
    .sort((a, b) => a.project!.spectators - b.project!.spectators)
    .map((s): GrowthPoint => {
      const project = figures(s.project!);
      const socketio = s.socketio ? figures(s.socketio) : null;
      const ws = s.ws ? figures(s.ws) : null;
      const r = Object.fromEntries(GROWTH_MEASURES.map(({ key }) => [key, ratio(project[key], socketio?.[key] ?? null)])) as GrowthPoint["ratio"];
      return { spectators: s.project!.spectators, project, socketio, ws, ratio: r };
    });
  return { jurors, points };
}

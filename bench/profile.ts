/**
 * `npm run bench -- --profile`: the project's server runs with `--cpu-prof`; V8 writes one
 * .cpuprofile per server process when it exits (each restart is a new process). This folds a profile
 * into self time per function and per file, which is what docs/performance.md quotes when a target is
 * missed. The raw profiles are kept (path printed) for Chrome DevTools or speedscope.
 */
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../server/paths";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type CpuProfile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

export type ProfileSummary = {
  file: string;
  total_ms: number;
  idle_pct: number;
  gc_pct: number;
  top_functions: { fn: string; self_ms: number; pct: number }[];
  top_files: { file: string; self_ms: number; pct: number }[];
};

const short = (url: string) => {
  const rel = url.replace(/^file:\/\//, "").replace(projectRoot + "/", "");
  const nm = rel.lastIndexOf("node_modules/");
  return nm >= 0 ? rel.slice(nm + "node_modules/".length) : rel || "(native)";
};

export function summariseProfile(file: string, top = 25): ProfileSummary {
  const prof = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  // Self time from the samples and their time deltas (µs), which is exact where hitCount is not.
  prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fns = new Map<string, number>();
  const files = new Map<string, number>();
  let idle = 0;
  let gc = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === "(idle)") idle += us;
    if (functionName === "(garbage collector)") gc += us;
    const name = `${functionName || "(anonymous)"} ${short(url)}${url ? `:${lineNumber + 1}` : ""}`;
    fns.set(name, (fns.get(name) ?? 0) + us);
    const f = url ? short(url).split("/").slice(0, short(url).startsWith("@") ? 2 : 1).join("/") : functionName;
    const key = url && !url.includes("node_modules") ? short(url) : f;
    files.set(key, (files.get(key) ?? 0) + us);
  }
  const busy = total - idle;
  const rank = (m: Map<string, number>, label: "fn" | "file") =>
    [...m]
      .filter(([k]) => !k.startsWith("(idle)"))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => ({ [label]: k, self_ms: Math.round(us / 1000), pct: Math.round((us / busy) * 1000) / 10 })) as never;
  return {
    file,
    total_ms: Math.round(total / 1000),
    idle_pct: Math.round((idle / total) * 1000) / 10,
    gc_pct: Math.round((gc / busy) * 1000) / 10,
    top_functions: rank(fns, "fn"),
    top_files: rank(files, "file"),
  };
}

export function profilesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => path.join(dir, f))
    .sort();
}

/**
 * `npm run bench -- --memory`: what the server holds for each spectator's connection (issue 16). Starts
 * the project's server and the raw socket.io baseline in turn, takes a V8 heap snapshot with no spectator
 * and again with N spectators joined to a hearing's room, and prints the difference per connection by
 * kind of object — so the figure "KB per spectator" comes with what it is made of. A heap snapshot is
 * taken after a full garbage collection, so it counts what is held, not garbage (RSS counts both).
 * Only 127.0.0.1; bounded waits; everything stopped in `finally`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ClientProc, startServer, stopAll, stopServer, type ServerKind, type ServerProc } from "./procs";

const log = (m: string) => process.stderr.write(m + "\n");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Census = Map<string, { count: number; bytes: number }>;

/** Self sizes of every object in a heap snapshot, summed by type and constructor name. */
function census(file: string): Census {
  const snap = JSON.parse(fs.readFileSync(file, "utf8")) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const [typeNames] = snap.snapshot.meta.node_types;
  const width = fields.length;
  const [iType, iName, iSize] = ["type", "name", "self_size"].map((f) => fields.indexOf(f));
  const out: Census = new Map();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = typeNames[snap.nodes[i + iType]];
    // Strings and code are grouped by type only (their "names" are their contents).
    const name = type === "object" || type === "closure" || type === "native" ? `${type} ${snap.strings[snap.nodes[i + iName]]}` : `(${type})`;
    const entry = out.get(name) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += snap.nodes[i + iSize];
    out.set(name, entry);
  }
  return out;
}

async function snapshot(server: ServerProc, dir: string): Promise<Census> {
  const before = new Set(fs.readdirSync(dir));
  process.kill(server.pid, "SIGUSR2");
  const deadline = Date.now() + 120_000;
  for (;;) {
    const file = fs.readdirSync(dir).find((f) => f.endsWith(".heapsnapshot") && !before.has(f));
    // Written while we watch: read it once it is complete JSON.
    if (file) {
      const full = path.join(dir, file);
      if (fs.readFileSync(full, "utf8").trimEnd().endsWith("]}")) {
        await sleep(200);
        const c = census(full);
        fs.rmSync(full);
        return c;
      }
    }
    if (Date.now() > deadline) throw new Error("no heap snapshot within 2 minutes");
    await sleep(200);
  }
}

async function measure(kind: ServerKind, dataDir: string, spectators: number) {
  const snapDir = fs.mkdtempSync(path.join(os.tmpdir(), "civic-heap-"));
  const server = await startServer(kind, { dataDir, nodeArgs: ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${snapDir}`] });
  try {
    const clients = await ClientProc.start(`${kind}/spectators`, kind === "ws" ? "ws" : "socketio", server.url);
    try {
      // One spectator first, so what every room and cache holds once is in both snapshots.
      await clients.request("spectators:connect", { hearingId: 1, count: 1, concurrency: 1, group: "main" });
      await sleep(500);
      const empty = await snapshot(server, snapDir);
      await clients.request("spectators:connect", { hearingId: 1, count: spectators, concurrency: 100, group: "main" }, 300_000);
      await sleep(1000);
      const full = await snapshot(server, snapDir);
      const rows = [...full]
        .map(([name, f]) => {
          const e = empty.get(name) ?? { count: 0, bytes: 0 };
          return { name, count: (f.count - e.count) / spectators, bytes: (f.bytes - e.bytes) / spectators };
        })
        .filter((r) => Math.abs(r.bytes) >= 16)
        .sort((a, b) => b.bytes - a.bytes);
      const total = rows.reduce((s, r) => s + r.bytes, 0);
      return { kind, spectators, bytes_per_connection: Math.round(total), objects: rows.slice(0, 25).map((r) => ({ ...r, count: Math.round(r.count * 100) / 100, bytes: Math.round(r.bytes) })) };
    } finally {
      clients.stop();
    }
  } finally {
    await stopServer(server);
    fs.rmSync(snapDir, { recursive: true, force: true });
  }
}

export async function runSocketMemory(spectators = 1000): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "civic-bench-mem-"));
  const stop = () => void stopAll().finally(() => process.exit(130));
  process.once("SIGINT", stop);
  try {
    const results = [];
    for (const kind of ["project", "socketio"] as const) {
      log(`${kind}: heap with 1 and with ${spectators + 1} spectators…`);
      results.push(await measure(kind, dataDir, spectators));
    }
    const [project, bare] = results;
    process.stdout.write(JSON.stringify({ spectators, project, socketio: bare, ratio: Math.round((project.bytes_per_connection / bare.bytes_per_connection) * 100) / 100 }, null, 2) + "\n");
  } finally {
    await stopAll();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

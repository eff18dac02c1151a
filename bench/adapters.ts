/**
 * Which socket.io adapter carries a room's broadcasts between instances (issue 18, decision 044 §6):
 * `npm run bench:adapters` (`-- --spectators=1500 --events=300 --json`).
 *
 * Three bare socket.io servers (no app, no database work: what is measured is the adapter) share one room
 * through `@socket.io/postgres-adapter` (LISTEN/NOTIFY on a PostgreSQL this bench starts) or
 * `@socket.io/redis-streams-adapter` (a Redis server this bench starts, if `redis-server` is installed), beside
 * one server holding every spectator with socket.io's in-memory adapter. Spectators are spread evenly over the
 * instances by two client processes; a publisher on instance 0 sends a tally-sized event every 40 ms (two
 * coalescing windows), which instance 0 broadcasts to the room. Every spectator timestamps every copy; the
 * bench reports, per configuration, the join wall time and the broadcast latency p50/p99 on the publisher's
 * instance and on the others, and checks that every spectator got every event in order.
 *
 * Everything runs on 127.0.0.1, in temporary directories, bounded in time, and is stopped in `finally`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { startPostgres, type TestPostgres } from "../tests/support/postgres";

type Adapter = "memory" | "postgres" | "redis-streams";
const self = fileURLToPath(import.meta.url);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- one instance (child process)

async function serve(): Promise<void> {
  const adapter = process.env.ADAPTER as Adapter;
  const httpServer = http.createServer();
  const io = new Server(httpServer, { serveClient: false, transports: ["websocket"] });
  if (adapter === "postgres") {
    const pg = (await import("pg")).default;
    const { createAdapter } = await import("@socket.io/postgres-adapter");
    const pool = new pg.Pool({ connectionString: process.env.PG_URL, max: Number(process.env.PG_POOL ?? 4) });
    pool.on("error", () => undefined);
    io.adapter(createAdapter(pool));
  } else if (adapter === "redis-streams") {
    const { createClient } = await import("redis");
    const { createAdapter } = await import("@socket.io/redis-streams-adapter");
    const client = createClient({ url: process.env.REDIS_URL });
    await client.connect();
    io.adapter(createAdapter(client));
  }
  let seq = 0;
  io.on("connection", (socket) => {
    socket.on("join", (ack: () => void) => void Promise.resolve(socket.join("room")).then(() => ack()));
    // A tally as the hearing room sends it (about 200 bytes), with the publisher's timestamp.
    socket.on("publish", (sentAt: number) => io.to("room").emit("room:event", { room: "hearing:1", seq: ++seq, type: "ballot:tally", data: { sentAt, counts: { support_a: 12, support_b: 9, abstain: 2 }, cast: 23, eligible: 50, ballotId: 1 } }));
  });
  httpServer.listen(0, "127.0.0.1", () => process.stdout.write(JSON.stringify({ port: (httpServer.address() as AddressInfo).port }) + "\n"));
  process.once("SIGTERM", () => io.close(() => process.exit(0)));
}

// ---------------------------------------------------------------- spectators (child process)

async function spectate(): Promise<void> {
  const ports = JSON.parse(process.env.PORTS!) as number[];
  const count = Number(process.env.COUNT);
  const offset = Number(process.env.OFFSET);
  const sockets: { socket: Socket; instance: number; latencies: number[]; lastSeq: number; inOrder: boolean }[] = [];
  const started = now();
  for (let i = 0; i < count; i++) {
    const instance = (offset + i) % ports.length;
    const socket = connect(`http://127.0.0.1:${ports[instance]}`, { transports: ["websocket"], forceNew: true, reconnection: false });
    const entry = { socket, instance, latencies: [] as number[], lastSeq: 0, inOrder: true };
    socket.on("room:event", (e: { seq: number; data: { sentAt: number } }) => {
      entry.latencies.push(now() - e.data.sentAt);
      if (entry.lastSeq && e.seq !== entry.lastSeq + 1) entry.inOrder = false;
      entry.lastSeq = e.seq;
    });
    sockets.push(entry);
  }
  // Joined in batches of 100, as a hall fills (the join's ack comes once the room holds the socket on every instance).
  for (let i = 0; i < sockets.length; i += 100) {
    await Promise.all(sockets.slice(i, i + 100).map(({ socket }) => new Promise<void>((resolve) => socket.emit("join", () => resolve()))));
  }
  process.send!({ joined: now() - started });
  process.on("message", (m: { report?: boolean }) => {
    if (!m.report) return;
    const byInstance = ports.map((_, k) => sockets.filter((s) => s.instance === k).flatMap((s) => s.latencies));
    for (const { socket } of sockets) socket.close();
    // Exit only once the (large) report has been written to the channel.
    process.send!({ byInstance, received: sockets.map((s) => s.latencies.length), inOrder: sockets.every((s) => s.inOrder) }, undefined, {}, () => process.exit(0));
  });
}

// ---------------------------------------------------------------- parent

function child(role: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", self, role], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit", "ipc"] });
}

function firstLine(proc: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = "";
    const timer = setTimeout(() => reject(new Error("no ready line within " + timeoutMs + " ms")), timeoutMs);
    proc.stdout!.on("data", (c: Buffer) => {
      buf += c.toString();
      const nl = buf.indexOf("\n");
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(buf.slice(0, nl));
      }
    });
    proc.once("exit", (code) => reject(new Error(`exited (${code}) before it was ready`)));
  });
}

function message<T>(proc: ChildProcess, timeoutMs: number, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${key} within ${timeoutMs} ms`)), timeoutMs);
    const on = (m: Record<string, unknown>) => {
      if (!(key in m)) return;
      clearTimeout(timer);
      proc.off("message", on);
      resolve(m as T);
    };
    proc.on("message", on);
  });
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);
const round = (v: number) => Math.round(v * 10) / 10;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function startRedis(dir: string): Promise<{ url: string; proc: ChildProcess } | null> {
  if (spawnSync("sh", ["-c", "command -v redis-server"]).status !== 0) return null;
  const port = await freePort();
  const proc = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--protected-mode", "yes"], { stdio: "ignore" });
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => (s.end(), resolve(true)));
      s.once("error", () => resolve(false));
    });
    if (ok) return { url: `redis://127.0.0.1:${port}`, proc };
    await sleep(50);
  }
  proc.kill("SIGKILL");
  throw new Error("redis-server did not accept connections within 5 s");
}

type Result = { adapter: string; instances: number; spectators: number; events: number; join_s: number; local: { p50: number; p99: number }; remote: { p50: number; p99: number } | null; every_event_in_order: boolean };

async function measure(adapter: Adapter, instances: number, spectators: number, events: number, env: Record<string, string>, procs: ChildProcess[]): Promise<Result> {
  const servers = Array.from({ length: instances }, () => child("serve", { ADAPTER: adapter, ...env }));
  procs.push(...servers);
  const ports = await Promise.all(servers.map(async (s) => (JSON.parse(await firstLine(s, 30_000)) as { port: number }).port));
  await sleep(300); // the adapters' subscriptions (LISTEN, XREAD) are in place
  const half = Math.ceil(spectators / 2);
  const clients = [0, 1].map((k) => child("spectate", { PORTS: JSON.stringify(ports), COUNT: String(k === 0 ? half : spectators - half), OFFSET: String(k) }));
  procs.push(...clients);
  const joins = await Promise.all(clients.map((c) => message<{ joined: number }>(c, 300_000, "joined")));
  const publisher = connect(`http://127.0.0.1:${ports[0]}`, { transports: ["websocket"], forceNew: true, reconnection: false });
  await new Promise<void>((resolve) => publisher.once("connect", () => resolve()));
  for (let i = 0; i < events; i++) {
    publisher.emit("publish", now());
    await sleep(40);
  }
  await sleep(1000);
  publisher.close();
  const reports = await Promise.all(clients.map((c) => (c.send({ report: true }), message<{ byInstance: number[][]; received: number[]; inOrder: boolean }>(c, 60_000, "byInstance"))));
  for (const s of servers) s.kill("SIGTERM");
  const local = reports.flatMap((r) => r.byInstance[0]!).sort((a, b) => a - b);
  const remote = reports.flatMap((r) => r.byInstance.slice(1).flat()).sort((a, b) => a - b);
  const received = reports.flatMap((r) => r.received);
  const complete = reports.every((r) => r.inOrder) && received.every((n) => n === events);
  if (!complete)
    process.stderr.write(`${adapter}: ${received.filter((n) => n !== events).length} of ${received.length} spectators got a number of events other than ${events} (min ${Math.min(...received)}, max ${Math.max(...received)}); in order: ${reports.map((r) => r.inOrder).join(", ")}\n`);
  return {
    adapter: adapter === "postgres" ? `postgres (pool of ${env.PG_POOL ?? 4})` : adapter,
    instances,
    spectators,
    events,
    join_s: Math.round(Math.max(...joins.map((j) => j.joined)) / 10) / 100,
    local: { p50: round(pct(local, 50)), p99: round(pct(local, 99)) },
    remote: remote.length ? { p50: round(pct(remote, 50)), p99: round(pct(remote, 99)) } : null,
    every_event_in_order: complete,
  };
}

async function main(): Promise<void> {
  const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
  const spectators = arg("spectators", 1500);
  const events = arg("events", 300);
  const json = process.argv.includes("--json");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "civic-adapters-"));
  const procs: ChildProcess[] = [];
  let postgres: TestPostgres | null = null;
  let redis: Awaited<ReturnType<typeof startRedis>> = null;
  const stop = () => {
    for (const p of procs) if (p.exitCode === null) p.kill("SIGKILL");
    redis?.proc.kill("SIGKILL");
  };
  process.once("SIGINT", () => (stop(), process.exit(130)));
  const load = () => os.loadavg()[0]!.toFixed(2);
  const loadStart = load();
  const results: Result[] = [];
  try {
    postgres = await startPostgres();
    // The adapter's attachment table (payloads over 8000 bytes), created once: three instances racing on
    // `create table if not exists` collide in pg_type.
    const pg = (await import("pg")).default;
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query(`create table socket_io_attachments (id bigserial unique, created_at timestamptz default now(), payload bytea)`);
    await admin.end();
    redis = await startRedis(dir);
    if (!redis) process.stderr.write("redis-server not found: measuring without Redis (apt-get install redis-server)\n");
    const log = (r: Result) => (results.push(r), process.stderr.write(JSON.stringify(r) + "\n"));
    log(await measure("memory", 1, spectators, events, {}, procs));
    log(await measure("postgres", 3, spectators, events, { PG_URL: postgres.url }, procs));
    // pg_notify goes out on whichever pooled connection is free, so two broadcasts can commit out of order;
    // a pool of two (one holds LISTEN) sends every NOTIFY on one connection, in order, queued behind the last.
    log(await measure("postgres", 3, spectators, events, { PG_URL: postgres.url, PG_POOL: "2" }, procs));
    if (redis) log(await measure("redis-streams", 3, spectators, events, { REDIS_URL: redis.url }, procs));
  } finally {
    stop();
    await postgres?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const out = { load_start: Number(loadStart), load_end: Number(load()), cores: os.cpus().length, results };
  if (json) process.stdout.write(JSON.stringify(out) + "\n");
  else {
    process.stdout.write(`load ${out.load_start} → ${out.load_end}, ${out.cores} cores, ${spectators} spectators, ${events} events\n`);
    process.stdout.write("| adapter | instances | join (s) | latency on the publisher's instance p50 / p99 (ms) | on the others p50 / p99 (ms) | every event, in order |\n| --- | ---: | ---: | ---: | ---: | --- |\n");
    for (const r of results)
      process.stdout.write(`| ${r.adapter} | ${r.instances} | ${r.join_s} | ${r.local.p50} / ${r.local.p99} | ${r.remote ? `${r.remote.p50} / ${r.remote.p99}` : "—"} | ${r.every_event_in_order ? "yes" : "**no**"} |\n`);
  }
}

const role = process.argv[2];
if (role === "serve") await serve();
else if (role === "spectate") await spectate();
else await main();

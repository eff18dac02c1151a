/**
 * The processes the bench starts — the server under test (the project's `node build/server.js` or a
 * raw baseline) and the load-generating clients — and what it reads about them from /proc.
 * Everything started here is registered, so `stopAll()` (from `finally` and the SIGINT handler) ends it.
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../server/paths";
import type { ReplyMessage, RequestMessage, Requests } from "./messages";
import type { TransportKind } from "./transport";

export type ServerKind = "project" | "socketio" | "ws";

const started = new Set<ChildProcess>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function track(proc: ChildProcess): ChildProcess {
  started.add(proc);
  proc.once("exit", () => started.delete(proc));
  return proc;
}

/** SIGTERM, then SIGKILL for anything still alive after a grace period. Idempotent. */
export async function stopAll(graceMs = 3000): Promise<void> {
  const alive = [...started].filter((p) => p.exitCode === null && p.signalCode === null);
  for (const p of alive) p.kill("SIGTERM");
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && alive.some((p) => p.exitCode === null && p.signalCode === null)) await sleep(20);
  for (const p of alive) if (p.exitCode === null && p.signalCode === null) p.kill("SIGKILL");
}

export type ServerProc = { kind: ServerKind; proc: ChildProcess; pid: number; url: string; port: number };

/**
 * Starts a server and resolves on its `{"event":"ready"}` line. Its stdout (one JSON log line per
 * request at the production level, info) goes to a file, as a service's log would, so a busy parent
 * cannot slow the server down by reading a pipe late.
 */
export async function startServer(kind: ServerKind, opts: { dataDir: string; port?: number; nodeArgs?: string[]; env?: Record<string, string> }): Promise<ServerProc> {
  const logFile = path.join(opts.dataDir, `${kind}.log`);
  const errFile = path.join(opts.dataDir, `${kind}.err.log`);
  const offset = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
  const out = fs.openSync(logFile, "a");
  const err = fs.openSync(errFile, "a");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(opts.port ?? 0),
    HOST: "127.0.0.1",
    NODE_ENV: "production" as const,
    DATA_DIR: opts.dataDir,
    SEED_DEMO: "true",
    LOG_LEVEL: "info",
    STATE_FILE: path.join(opts.dataDir, `${kind}-state.json`),
    // Every bench client comes from 127.0.0.1: thousands of spectators and 10-connection page runs are one
    // "address" here, so the per-address budgets and socket cap (decision 014) are lifted for throughput runs.
    ANONYMOUS_SOCKETS_PER_ADDRESS: "100000",
    BUDGET_ANONYMOUS_RATE: "1000000",
    BUDGET_ANONYMOUS_BURST: "1000000",
    ...opts.env,
  };
  const args = [...(opts.nodeArgs ?? []), ...(kind === "project" ? ["build/server.js"] : ["--import", "tsx", `bench/baseline-${kind}.ts`])];
  const proc = track(spawn(process.execPath, args, { cwd: projectRoot, env, stdio: ["ignore", out, err] }));
  fs.closeSync(out);
  fs.closeSync(err);

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null)
      throw new Error(`${kind} server exited before it was ready:\n${fs.readFileSync(errFile, "utf8").slice(-4000)}`);
    const fd = fs.openSync(logFile, "r");
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.alloc(Math.max(0, size - offset));
    fs.readSync(fd, buf, 0, buf.length, offset);
    fs.closeSync(fd);
    const line = buf
      .toString("utf8")
      .split("\n")
      .find((l) => l.startsWith('{"event":"ready"'));
    if (line) {
      const { url, port } = JSON.parse(line) as { url: string; port: number };
      return { kind, proc, pid: proc.pid!, url, port };
    }
    if (Date.now() > deadline) throw new Error(`${kind} server not ready after 60 s`);
    await sleep(25);
  }
}

/** Graceful stop (SIGTERM, as a service manager does); SIGKILL if it takes longer than 15 s. */
export async function stopServer(server: ServerProc): Promise<void> {
  const { proc } = server;
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  proc.kill("SIGTERM");
  const timer = setTimeout(() => proc.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

/** A forked bench/client.ts process and a typed request/answer channel to it. */
export class ClientProc {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly pid: number;

  private constructor(readonly proc: ChildProcess, readonly name: string) {
    this.pid = proc.pid!;
    proc.on("message", (msg: ReplyMessage | { ready: true }) => {
      if ("ready" in msg) return;
      const w = this.waiting.get(msg.id);
      this.waiting.delete(msg.id);
      if (!w) return;
      if (msg.ok) w.resolve(msg.data);
      else w.reject(new Error(`${this.name}: ${msg.error}`));
    });
    proc.once("exit", (code, signal) => {
      for (const [, w] of this.waiting) w.reject(new Error(`${this.name} exited (${code ?? signal})`));
      this.waiting.clear();
    });
  }

  static async start(name: string, kind: TransportKind, url: string): Promise<ClientProc> {
    const proc = track(
      fork(path.join(projectRoot, "bench/client.ts"), [kind, url], {
        cwd: projectRoot,
        execArgv: ["--import", "tsx"],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      }),
    );
    await new Promise<void>((resolve, reject) => {
      proc.once("message", () => resolve());
      proc.once("exit", (code) => reject(new Error(`client ${name} exited with ${code} before it was ready`)));
    });
    return new ClientProc(proc, name);
  }

  /** One request, bounded in time: a stuck client fails the run instead of hanging it. */
  request<K extends keyof Requests>(cmd: K, args: Requests[K]["req"], timeoutMs = 120_000): Promise<Requests[K]["res"]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`${this.name}: ${cmd} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v as Requests[K]["res"])),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.proc.send({ id, cmd, args } as RequestMessage);
    });
  }

  stop(): void {
    if (this.proc.connected) this.proc.disconnect(); // the client exits when its channel closes
  }
}

/** Resident set size of a process, in KiB (/proc/<pid>/status VmRSS). */
export function rssKb(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]);
}

/** sysconf(_SC_CLK_TCK); 100 on every Linux this runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS = 100;

/** CPU time a process has used (user + system), in seconds (/proc/<pid>/stat utime + stime). */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after "pid (comm) "; comm may contain spaces, so split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / CLOCK_TICKS;
}

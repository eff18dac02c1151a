import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { afterAll } from "vitest";
import { closeDatabase, openDatabase, type Db } from "../../db/connection";
import type { AckResult } from "../../server/live/protocol";
import { projectRoot } from "../../server/paths";
import { connected, connectSocket, login, type ClientSocket } from "./server";

/** A running `node build/server.js`: its address and the process, to kill with SIGKILL. */
export type ChildServer = { url: string; process: ChildProcess };

/**
 * `node build/server.js` (the production build: run `npm run build` first) on `dataDir`, seeded with
 * the demo, logging warnings and errors; resolves on its `{"event":"ready"}` line. `onLine` sees every
 * line it writes on stdout (its JSON log); `onSpawn` gets the process at once, so that the caller can
 * kill it even if it never becomes ready.
 */
export function startChildServer(dataDir: string, opts: { env?: Record<string, string>; onLine?: (line: string) => void; onSpawn?: (proc: ChildProcess) => void } = {}): Promise<ChildServer> {
  const proc = spawn(process.execPath, ["build/server.js"], {
    cwd: projectRoot,
    env: { ...process.env, DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn", NODE_ENV: "production", SEED_DEMO: "true", ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  opts.onSpawn?.(proc);
  let stderr = "";
  proc.stderr!.on("data", (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: proc.stdout! }).on("line", (line) => {
      opts.onLine?.(line);
      if (line.startsWith('{"event":"ready"')) resolve({ url: (JSON.parse(line) as { url: string }).url, process: proc });
    });
    proc.once("exit", (code) => reject(new Error(`server exited with ${code} before it was ready:\n${stderr}`)));
  });
}

/**
 * The crash tests' harness (issue 15): the production build run as a child process on one data
 * directory that outlives it, so a test can kill it with SIGKILL mid-command, start it again on the
 * same files and look at what was left. Unlike startTestServer (tests/support/server.ts), the server
 * is not in this process: a SIGKILL must not take the test with it.
 *
 * Call it at the top of a test file: it registers the cleanup (sockets, database, child, directory).
 * Needs `npm run build` first.
 */
export function crashHarness(prefix: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `civic-${prefix}-`));
  let child: ChildProcess | null = null;
  let db: Db | null = null;
  const sockets: ClientSocket[] = [];

  /** A connected socket with this cookie, disconnected by the cleanup. */
  const socket = async (server: { url: string }, cookie: string): Promise<ClientSocket> => {
    const s = connectSocket(server, { cookie });
    sockets.push(s);
    await connected(s);
    return s;
  };

  afterAll(() => {
    for (const s of sockets) s.disconnect();
    if (db) closeDatabase(db);
    child?.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    dataDir,

    /** `node build/server.js` on the data directory (seeded demo); resolves on its `{"event":"ready"}` line. */
    start: (): Promise<ChildServer> => startChildServer(dataDir, { onSpawn: (proc) => (child = proc) }),

    /**
     * The child's database file, opened in this process (once the child has migrated and seeded it;
     * WAL lets both write). Closed by the cleanup.
     */
    openDb(): Db {
      db ??= openDatabase(path.join(dataDir, "civic.sqlite"));
      return db;
    },

    socket,

    /** The demo mediator, signed in, on a connected socket: the chair of the test's hearings. */
    chairSocket: async (server: { url: string }): Promise<ClientSocket> => socket(server, await login(server, "mediator")),
  };
}

/**
 * Sends one command per id on the chair's socket and kills the server with SIGKILL at the first
 * acknowledgement, so the others are in flight: sent, perhaps committing, not yet answered. With
 * `perMillisecond` they go out as a burst (that many each millisecond) rather than all at once.
 * Resolves once the process is dead, with the ids that were acknowledged; a refusal fails the test.
 */
export async function sendUntilKilled(
  server: ChildServer,
  chair: ClientSocket,
  ids: readonly number[],
  command: (id: number) => { event: string; payload: unknown },
  opts: { perMillisecond?: number } = {},
): Promise<Set<number>> {
  const acked = new Set<number>();
  const exited = new Promise<void>((resolve) => server.process.once("exit", () => resolve()));
  const emit = chair.emit.bind(chair) as unknown as (event: string, payload: unknown, ack: (a: AckResult<unknown>) => void) => void;
  const send = (id: number) => {
    const { event, payload } = command(id);
    emit(event, payload, (ack) => {
      if (!ack.ok) throw new Error(`${event} refused: ${ack.error.code}`);
      acked.add(id);
      if (acked.size === 1) server.process.kill("SIGKILL");
    });
  };
  const perMs = opts.perMillisecond;
  if (perMs === undefined) ids.forEach(send);
  else ids.forEach((id, i) => setTimeout(() => chair.connected && send(id), Math.floor(i / perMs)));
  await exited;
  if (perMs !== undefined) await new Promise((r) => setTimeout(r, 100)); // let the last timers see the dead socket
  return acked;
}

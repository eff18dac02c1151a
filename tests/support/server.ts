import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { io as ioClient, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../server/live/protocol";
import { loadEnv } from "../../server/env";
import { createLogger } from "../../server/log";
import { startServer, type RunningServer } from "../../server/main";
import type { Clock } from "../../server/clock";

export type TestServer = RunningServer & { dataDir: string; clock: TestClock };
export type TestClock = Clock & { advance(ms: number): void };

/** Real time plus an offset the test can move forward (expiry, notice periods). */
export function testClock(): TestClock {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => void (offset += ms) };
}

/**
 * Starts the real server (Express + Remix + socket.io) on a free port with its own migrated
 * SQLite file in a fresh temp directory, seeded with the demo data unless told otherwise.
 */
export async function startTestServer(opts: { seed?: boolean; env?: Record<string, string> } = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "civic-test-"));
  const env = loadEnv({
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    SEED_DEMO: opts.seed === false ? "false" : "true",
    LOG_LEVEL: "silent",
    ...opts.env,
  });
  const clock = testClock();
  const server = await startServer(env, { clock, log: createLogger((process.env.TEST_SERVER_LOG ?? "silent") as Parameters<typeof createLogger>[0]) });
  const close = async () => {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { ...server, close, dataDir, clock };
}

/** A form POST as a browser on this origin sends it. */
export function postForm(server: { url: string }, pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(server.url + pathname, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The `name=value` part of a Set-Cookie header, ready for a Cookie header. */
export function cookieFrom(res: Response, name = "civic_session"): string | null {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    if (pair.startsWith(`${name}=`) && pair.length > name.length + 1) return pair;
  }
  return null;
}

export async function login(server: { url: string }, username: string, password = "demo-password"): Promise<string> {
  const res = await postForm(server, "/login", { username, password });
  const cookie = cookieFrom(res);
  if (res.status !== 302 || !cookie) throw new Error(`login as ${username} failed: ${res.status}`);
  return cookie;
}

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectSocket(server: { url: string }, opts: { cookie?: string; origin?: string } = {}): ClientSocket {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.origin) headers.origin = opts.origin;
  return ioClient(server.url, { transports: ["websocket"], extraHeaders: headers, reconnection: false, forceNew: true });
}

export function connected(socket: ClientSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once("connect", () => resolve());
    socket.once("connect_error", (err) => reject(err));
  });
}

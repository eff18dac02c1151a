import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * A real PostgreSQL server for one test file (issue 18: tests start what they need). It runs from the
 * server binaries on this machine (Debian's `postgresql`, which `npm test` installs when missing and
 * running as root: scripts/test-prerequisites.sh), in a fresh temporary directory, on a free port of
 * 127.0.0.1 only, with its unix socket inside that directory. `stop()` shuts it down and removes the
 * directory; so does a failed start, and so does the test process exiting without calling `stop()`.
 *
 * Durability is off (fsync, full_page_writes, synchronous_commit): the data dies with the test anyway.
 */
export type TestPostgres = {
  /** postgres://postgres:<password>@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
};

/** Where the PostgreSQL server binaries are looked for, in order (scripts/test-prerequisites.sh looks in the same places). */
export function postgresBinDirCandidates(): string[] {
  const dirs = [...(process.env.PG_BIN ? [process.env.PG_BIN] : []), ...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean), "/usr/local/bin"];
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => path.join(debian, v, "bin")));
  }
  return dirs;
}

const isExecutable = (file: string) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/** The first directory that holds both `initdb` and `postgres`, or null. */
export function findPostgresBinDir(): string | null {
  return postgresBinDirCandidates().find((d) => isExecutable(path.join(d, "initdb")) && isExecutable(path.join(d, "postgres"))) ?? null;
}

/**
 * PostgreSQL refuses to run as root. As root, the server runs as the `postgres` user (created by Debian's
 * package) or else `nobody`, through Node's own setuid/setgid in the child (no su, no PAM, and the child's
 * pid is the postmaster's own, so signalling it stops the server). Otherwise: as ourselves.
 */
function serverUser(): { uid: number; gid: number; name: string } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ["postgres", "nobody"]) {
    const res = spawnSync("getent", ["passwd", name], { encoding: "utf8" });
    const fields = res.status === 0 ? res.stdout.trim().split(":") : [];
    if (fields.length >= 4) return { name, uid: Number(fields[2]), gid: Number(fields[3]) };
  }
  throw new Error("running as root and neither a `postgres` nor a `nobody` user exists to run PostgreSQL as");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Keeps the last few kilobytes a process printed, for the error message when it fails. */
function tail(child: ChildProcess): () => string {
  let out = "";
  const add = (chunk: Buffer) => {
    out = (out + chunk.toString("utf8")).slice(-8000);
  };
  child.stdout?.on("data", add);
  child.stderr?.on("data", add);
  return () => out;
}

function run(bin: string, args: string[], opts: { user: ReturnType<typeof serverUser>; env: NodeJS.ProcessEnv }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: opts.env, stdio: ["ignore", "pipe", "pipe"], ...(opts.user ? { uid: opts.user.uid, gid: opts.user.gid } : {}) });
    const output = tail(child);
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} ${args.join(" ")} failed (${signal ?? `exit ${code}`}):\n${output()}`)),
    );
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startPostgres(opts: { timeoutMs?: number } = {}): Promise<TestPostgres> {
  const binDir = findPostgresBinDir();
  if (!binDir) {
    throw new Error(
      `PostgreSQL server binaries (initdb, postgres) not found in ${postgresBinDirCandidates().join(", ")}. ` +
        "Install Debian's postgresql package (npm test does so as root: scripts/test-prerequisites.sh) or set PG_BIN.",
    );
  }
  const user = serverUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "civic-pg-"));
  const dataDir = path.join(dir, "data");
  const socketDir = path.join(dir, "socket");
  const password = randomBytes(18).toString("base64url");
  // The server gets a clean environment (the HOME of `postgres` or `nobody` may not exist or be theirs).
  const env: NodeJS.ProcessEnv = { NODE_ENV: "test", PATH: process.env.PATH, HOME: dir, LC_ALL: "C", LANG: "C", TZ: "UTC" };

  let server: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let stopped = false;
  // The test process exiting without stop() (a crash, a forgotten afterAll) still ends the server.
  const onExit = () => {
    if (server && server.exitCode === null) server.kill("SIGQUIT");
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", onExit);

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener("exit", onExit);
    if (server && server.exitCode === null && server.signalCode === null) {
      server.kill("SIGINT"); // fast shutdown: ends sessions, no checkpoint wait beyond the minimum
      const killer = setTimeout(() => server?.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(killer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    fs.mkdirSync(socketDir, { mode: 0o700 });
    fs.writeFileSync(path.join(dir, "pwfile"), password + "\n", { mode: 0o600 });
    if (user) for (const p of [dir, socketDir, path.join(dir, "pwfile")]) fs.chownSync(p, user.uid, user.gid);

    // Password (SCRAM) on TCP, where any local user could reach the port; trust on the socket, which
    // lives in a directory only the server's user (and root) can enter.
    await run(
      path.join(binDir, "initdb"),
      ["-D", dataDir, "-U", "postgres", "--pwfile", path.join(dir, "pwfile"), "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"],
      { user, env },
    );

    const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const child = spawn(
        path.join(binDir, "postgres"),
        [
          "-D", dataDir,
          "-p", String(port),
          "-c", "listen_addresses=127.0.0.1",
          "-c", `unix_socket_directories=${socketDir}`,
          "-c", "fsync=off",
          "-c", "full_page_writes=off",
          "-c", "synchronous_commit=off",
          "-c", "max_connections=60",
          "-c", "shared_buffers=16MB",
        ],
        { env, stdio: ["ignore", "pipe", "pipe"], ...(user ? { uid: user.uid, gid: user.gid } : {}) },
      );
      server = child;
      const output = tail(child);
      exited = new Promise((resolve) => child.once("exit", () => resolve()));
      child.once("error", () => undefined); // reported through the exit below
      const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
      while (child.exitCode === null && child.signalCode === null) {
        if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within ${opts.timeoutMs ?? 30_000} ms:\n${output()}`);
        const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
        try {
          await client.connect();
          await client.query("select 1");
          await client.end();
          return { url, port, dir, stop };
        } catch {
          await client.end().catch(() => undefined);
          await sleep(50);
        }
      }
      // The port was taken between freePort() and the bind: try another one.
      if (/could not (bind|create listen socket)/i.test(output()) && attempt < 3) continue;
      throw new Error(`PostgreSQL exited before accepting connections:\n${output()}`);
    }
  } catch (err) {
    await stop();
    throw err;
  }
}

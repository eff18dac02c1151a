import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export type RunningApp = {
  url: string;
  dataDir: string;
  /** Lines the server wrote to stderr (warnings and errors at LOG_LEVEL=warn), for failure reports. */
  stderr: string[];
  /**
   * The one-time first-run setup URL the server printed in its log (SEED_DEMO=false on an empty
   * database, decision 010), as the person who installed it would read it; null with the demo.
   */
  setupUrl: string | null;
  /** The representative's username, by the name shown on the chair's console (read-only DB lookup). */
  usernameOf(representativeName: string): string;
  stop(): Promise<void>;
};

/**
 * Copies the production build (build/ and public/) into a temporary project root, so that a rebuild
 * by someone else during the run cannot swap the browser's assets under a running server. Waits for
 * a consistent copy: the asset manifest that build/remix.js names must exist in the copied public/.
 */
async function snapshotBuild(): Promise<string> {
  if (!fs.existsSync(path.join(root, "build/server.js"))) throw new Error("build/server.js is missing: run `npm run build` first");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "civic-e2e-root-"));
  for (let attempt = 0; ; attempt++) {
    for (const part of ["build", "public"]) {
      fs.rmSync(path.join(dir, part), { recursive: true, force: true });
      fs.cpSync(path.join(root, part), path.join(dir, part), { recursive: true });
    }
    const manifest = fs.readFileSync(path.join(dir, "build/remix.js"), "utf8").match(/"(\/build\/manifest-[\w-]+\.js)"/)?.[1];
    if (!manifest || fs.existsSync(path.join(dir, "public", manifest))) break;
    if (attempt >= 30) throw new Error(`build/remix.js names ${manifest}, which public/build does not hold: rebuild`);
    await new Promise((r) => setTimeout(r, 1_000)); // a build is being written: wait for it to finish
  }
  fs.copyFileSync(path.join(root, "package.json"), path.join(dir, "package.json"));
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  fs.symlinkSync(path.join(root, "db"), path.join(dir, "db"), "dir");
  return dir;
}

/**
 * Starts the production build (`node build/server.js`) as a child process on a free port with a fresh
 * data directory and the demo seed, and resolves once it prints its `{"event":"ready"}` line.
 * The build must exist: `npm test` builds before running vitest.
 */
export async function startApp(opts: { seedDemo?: boolean } = {}): Promise<RunningApp> {
  const appRoot = await snapshotBuild();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "civic-e2e-data-"));
  const child = spawn(process.execPath, ["--enable-source-maps", path.join(appRoot, "build/server.js")], {
    cwd: appRoot,
    env: { ...process.env, NODE_ENV: "production", DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn", SEED_DEMO: opts.seedDemo === false ? "false" : "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  readline.createInterface({ input: child.stderr! }).on("line", (line) => stderr.push(line));
  const cleanUp = () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(appRoot, { recursive: true, force: true });
  };

  let setupUrl: string | null = null;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error("the server did not report ready within 60 s")), 60_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      cleanUp();
      reject(new Error(`${err.message}\n${stderr.join("\n")}`));
    };
    child.once("exit", (code) => fail(new Error(`the server exited with code ${code} before it was ready`)));
    readline.createInterface({ input: child.stdout! }).on("line", (line) => {
      try {
        const msg = JSON.parse(line) as { event?: string; url?: string; setupUrl?: string };
        if (msg.setupUrl) setupUrl = msg.setupUrl;
        if (msg.event === "ready" && msg.url) {
          clearTimeout(timer);
          child.removeAllListeners("exit");
          resolve(msg.url);
        }
      } catch {
        // Not a JSON line: ignore.
      }
    });
  });

  let db: Database.Database | null = null;
  return {
    url,
    dataDir,
    stderr,
    setupUrl,
    usernameOf(name) {
      db ??= new Database(path.join(dataDir, "civic.sqlite"), { readonly: true, fileMustExist: true });
      const row = db
        .prepare("select u.username from representatives r join users u on u.id = r.user_id where r.name = ?")
        .get(name) as { username: string } | undefined;
      if (!row) throw new Error(`no account for representative ${name}`);
      return row.username;
    },
    async stop() {
      db?.close();
      await stopChild(child);
      cleanUp();
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

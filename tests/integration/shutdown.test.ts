import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { connected, connectSocket } from "../support/server";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "civic-shutdown-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Starts `node build/server.js` as a real process and resolves with its URL once it is listening. */
function startProcess() {
  const child = spawn(process.execPath, ["build/server.js"], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const ready = new Promise<string>((resolve, reject) => {
    let buffer = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split("\n").find((l) => l.includes('"event":"ready"'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once("exit", (code) => reject(new Error(`server exited early with ${code}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, ready, exited };
}

describe("graceful shutdown", () => {
  it("on SIGTERM closes the sockets, stops listening and leaves a checkpointed database", async () => {
    const server = startProcess();
    const url = await server.ready;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const socket = connectSocket({ url });
    await connected(socket);
    const disconnected = new Promise((resolve) => socket.on("disconnect", resolve));

    server.child.kill("SIGTERM");
    await disconnected;
    expect(await server.exited).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    // A clean close folds the write-ahead log back into the database file.
    const wal = path.join(dataDir, "civic.sqlite-wal");
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
    socket.close();
  });
});

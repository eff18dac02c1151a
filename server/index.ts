// Process entry: `node build/server.js` (bundled from here by scripts/build-server.js).
import { loadEnv } from "./env";
import { createLogger } from "./log";
import { startServer } from "./main";

// Everything this process creates (database, WAL, uploads, keys, logs it writes) is the service's
// user's alone: a backup or another account on the machine must not read residents' data (issue 12).
process.umask(0o077);
const env = (() => {
  try {
    return loadEnv();
  } catch (err) {
    // A configuration mistake is the operator's to fix: say what is wrong, without a stack trace.
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
})();
const log = createLogger(env.LOG_LEVEL);

try {
  const server = await startServer(env, { log });
  // The first line a parent process (tests, benchmarks) can wait for.
  process.stdout.write(JSON.stringify({ event: "ready", url: server.url, port: server.port }) + "\n");
  const shutdown = (signal: string) => {
    log.info("shutting down", { signal });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (err) => {
        log.error("shutdown failed", { err });
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
} catch (err) {
  log.error("failed to start", { err });
  process.exit(1);
}

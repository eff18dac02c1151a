import http from "node:http";
import type { AddressInfo } from "node:net";
import { closeDatabase, openDatabase } from "../db/connection";
import { runMigrations } from "../db/migrate";
import { seedDemo } from "../db/seed/demo";
import { backfillGrants } from "./auth/roles";
import { demoAccountCount } from "./auth/demo-guard";
import { systemClock, type Clock } from "./clock";
import type { Env } from "./env";
import { createExpressApp } from "./http/app";
import { createClientBudgets } from "./http/client-budget";
import { createLiveHub } from "./live/hub";
import { createSocketServer } from "./live/socket-server";
import { isCommandName, registerLiveHandlers } from "./live/handlers";
import { createLogger, type Logger } from "./log";
import { createServices, type Services } from "./services";

export type RunningServer = {
  url: string;
  port: number;
  services: Services;
  /** The one-time first-run setup path, when the database has no administrator. */
  setupPath: string | null;
  close(): Promise<void>;
};

/**
 * Builds the whole process: database (migrated, optionally seeded), services, socket.io and
 * Express on one HTTP server, listening on env.PORT (0 picks a free port, as the tests do).
 */
export async function startServer(env: Env, opts: { clock?: Clock; log?: Logger } = {}): Promise<RunningServer> {
  const log = opts.log ?? createLogger(env.LOG_LEVEL);
  const db = openDatabase(env.databaseFile);
  runMigrations(db);
  const live = createLiveHub({ log });
  const services = createServices({ db, clock: opts.clock ?? systemClock, log, env, live });
  backfillGrants(db);
  if (env.SEED_DEMO) await seedDemo(db, services, log);
  // A real deployment (PUBLIC_ORIGIN set) never runs with the public demo password (decision 010).
  const demoAccounts = demoAccountCount(db);
  if (env.PUBLIC_ORIGIN && demoAccounts > 0) {
    db.$client.close();
    throw new Error(
      `refusing to start: ${demoAccounts} demo accounts with the public demo password exist and PUBLIC_ORIGIN is set. ` +
        "Start a real deployment with SEED_DEMO=false on an empty DATA_DIR (a setup URL is printed), or unset PUBLIC_ORIGIN for a demo.",
    );
  }

  const httpServer = http.createServer();
  // One budget per client across its sockets and HTTP requests (server/http/client-budget.ts).
  const budgets = createClientBudgets({
    sessionRate: env.BUDGET_SESSION_RATE,
    sessionBurst: env.BUDGET_SESSION_BURST,
    anonymousRate: env.BUDGET_ANONYMOUS_RATE,
    anonymousBurst: env.BUDGET_ANONYMOUS_BURST,
    anonymousSocketsPerAddress: env.ANONYMOUS_SOCKETS_PER_ADDRESS,
  });
  const io = createSocketServer(httpServer, {
    sessions: services.sessions,
    log,
    publicOrigin: env.PUBLIC_ORIGIN,
    budgets,
    trustProxy: env.TRUST_PROXY,
    isCommand: isCommandName,
  });
  live.attach(io);
  registerLiveHandlers(io, services);
  const app = await createExpressApp({ services, log, budgets });
  httpServer.on("request", app);

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(env.PORT, env.HOST, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  log.info("listening", { url, port, dataDir: env.dataDir });
  const setupPath = services.setup.openIfNeeded();
  if (setupPath) {
    // In the server log: only whoever can read the server's output (who installed it) may set it up.
    log.warn("first-run setup: open this one-time URL to create the first administrator", { setupUrl: (env.PUBLIC_ORIGIN ?? url) + setupPath });
  }

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Stop accepting, end the live sockets, let in-flight requests finish, then close the database.
      await new Promise<void>((resolve) => {
        io.close(() => resolve()); // also closes the HTTP server
        httpServer.closeIdleConnections();
      });
      live.close();
      closeDatabase(db);
      log.info("stopped");
    })());

  return { url, port, services, setupPath, close };
}

import path from "node:path";
import { z } from "zod";
import { projectRoot } from "./paths";

const booleanString = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().default("./data"),
  SEED_DEMO: booleanString.default("true"),
  /** The public origin (scheme://host:port) if the app sits behind a proxy; used for the CSRF/Origin checks. */
  PUBLIC_ORIGIN: z.string().url().optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /**
   * Mark the session cookie Secure. Defaults to on in production; turn it off only when the app is
   * served over plain HTTP on a hall's LAN (browsers drop Secure cookies there, except on localhost).
   */
  COOKIE_SECURE: booleanString.optional(),
  /** Upper limit for an uploaded exhibit, in megabytes. */
  UPLOAD_LIMIT_MB: z.coerce.number().positive().default(20),
  /** Behind one reverse proxy: take the client's address from the last X-Forwarded-For entry. */
  TRUST_PROXY: booleanString.default("false"),
  /** Per-client budgets (server/http/client-budget.ts): commands and dynamic requests per second, and bursts. */
  BUDGET_SESSION_RATE: z.coerce.number().positive().default(20),
  BUDGET_SESSION_BURST: z.coerce.number().positive().default(60),
  BUDGET_ANONYMOUS_RATE: z.coerce.number().positive().default(50),
  BUDGET_ANONYMOUS_BURST: z.coerce.number().positive().default(200),
  /**
   * How long React may take to render a page before it is aborted and answered 503 (app/entry.server.tsx).
   * 0 aborts every render at once: only for the test of that answer.
   */
  RENDER_TIMEOUT_MS: z.coerce.number().int().min(0).default(5_000),
  /** Anonymous sockets one address may keep open (a hall's spectators may share one Wi-Fi address). */
  ANONYMOUS_SOCKETS_PER_ADDRESS: z.coerce.number().int().positive().default(100),
  /**
   * PostgreSQL instead of the embedded file (issue 18, decision 044). The storage layer exists
   * (db/store.ts) but the services are not yet converted to it, so a set value stops the process
   * rather than leaving an operator who asked for PostgreSQL writing to a SQLite file unawares.
   */
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === "", {
      message:
        "PostgreSQL is not available in this version yet: the services still run on the embedded SQLite file only (decision 044, stage 1 of 4). Unset DATABASE_URL; the data goes to DATA_DIR.",
    }),
});

export type Env = z.infer<typeof EnvSchema> & { cookieSecure: boolean; dataDir: string; databaseFile: string };

/** Validates the environment once at boot; a bad value stops the process with a readable message. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const dataDir = path.resolve(projectRoot, parsed.data.DATA_DIR);
  const cookieSecure = parsed.data.COOKIE_SECURE ?? parsed.data.NODE_ENV === "production";
  return { ...parsed.data, cookieSecure, dataDir, databaseFile: path.join(dataDir, "civic.sqlite") };
}

/**
 * A small structured logger: one JSON object per line on stdout, with a request id where there is one.
 * Enough for a single-process deployment and easy to ship to any log collector.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";
const order: Record<LogLevel | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type Logger = {
  [L in LogLevel]: (msg: string, fields?: Record<string, unknown>) => void;
} & { child(fields: Record<string, unknown>): Logger };

export function createLogger(level: LogLevel | "silent" = "info", base: Record<string, unknown> = {}): Logger {
  const write = (lvl: LogLevel) => (msg: string, fields: Record<string, unknown> = {}) => {
    if (order[lvl] < order[level]) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level: lvl, msg, ...base, ...fields };
    if (fields.err instanceof Error) entry.err = { message: fields.err.message, stack: fields.err.stack };
    process.stdout.write(JSON.stringify(entry) + "\n");
  };
  return {
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    child: (fields) => createLogger(level, { ...base, ...fields }),
  };
}

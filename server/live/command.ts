import type { z } from "zod";
import { isDomainError } from "../errors";
import type { Logger } from "../log";
import type { Ack, AckResult } from "./protocol";

/**
 * Wraps a socket command handler: validates the payload with zod, maps DomainErrors to their
 * code and anything else to `internal` (logged, never leaked), and always acknowledges exactly once.
 * The handler does the authorisation and the transaction; broadcasting happens after it returns.
 */
export function command<S extends z.ZodTypeAny, T>(
  schema: S,
  log: Logger,
  handler: (input: z.infer<S>) => T | Promise<T>,
) {
  return async (payload: unknown, ack: unknown): Promise<void> => {
    const reply = typeof ack === "function" ? (ack as Ack<T>) : () => {};
    let result: AckResult<T>;
    const parsed = schema.safeParse(payload ?? {});
    if (!parsed.success) {
      result = {
        ok: false,
        error: { code: "invalid_input", details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) } },
      };
    } else {
      try {
        result = { ok: true, data: await handler(parsed.data) };
      } catch (err) {
        if (isDomainError(err)) result = { ok: false, error: { code: err.code, details: err.details } };
        else {
          log.error("socket command failed", { err });
          result = { ok: false, error: { code: "internal" } };
        }
      }
    }
    reply(result);
  };
}

/** A token bucket per socket, so one misbehaving client cannot flood the room. */
export function createThrottle(ratePerSecond: number, burst: number) {
  let tokens = burst;
  let last = Date.now();
  return (): boolean => {
    const now = Date.now();
    tokens = Math.min(burst, tokens + ((now - last) / 1000) * ratePerSecond);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

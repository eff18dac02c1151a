import type { z } from "zod";
import { isDomainError } from "../errors";
import type { Logger } from "../log";
import { PreEncoded } from "./pre-encoded";
import type { Ack, AckResult } from "./protocol";

/**
 * Wraps a socket command handler: validates the payload with zod, maps DomainErrors to their
 * code and anything else to `internal` (logged, never leaked), and always acknowledges exactly once.
 * The handler does the authorisation and the transaction; broadcasting happens after it returns.
 * One wrapper per command per server, called with the socket (handlers/index.ts).
 */
export function command<S extends z.ZodTypeAny, T, C>(
  schema: S,
  log: Logger,
  handler: (input: z.infer<S>, caller: C) => T | Promise<T>,
) {
  // socket.io passes the client's arguments as they came, the ack function (if the client asked for one)
  // last. `emit("ballot:state", cb)` gives (cb); `emit(ev, payload, 5, cb)` gives (payload, 5, cb). So the
  // ack is the last argument when it is a function, and the payload the first argument that is not it.
  return async (caller: C, args: unknown[]): Promise<void> => {
    const last = args[args.length - 1];
    const ack = typeof last === "function" ? (last as Ack<T>) : undefined;
    const payload = ack ? (args.length > 1 ? args[0] : undefined) : args[0];
    let answered = false;
    const reply = (result: AckResult<T>) => {
      if (answered || !ack) return;
      answered = true;
      // A pre-encoded answer (a cached spectator snapshot) goes out as text, wrapped like any other.
      if (result.ok && result.data instanceof PreEncoded) ack(new PreEncoded(`{"ok":true,"data":${result.data.json}}`) as never);
      else ack(result);
    };
    let result: AckResult<T>;
    const parsed = args.length > (ack ? 2 : 1) ? extraArguments(args.length - (ack ? 1 : 0)) : schema.safeParse(payload ?? {});
    if (!parsed.success) {
      result = {
        ok: false,
        error: { code: "invalid_input", details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) } },
      };
    } else {
      try {
        result = { ok: true, data: await handler(parsed.data, caller) };
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

/** A command takes one payload: more arguments are refused like any other malformed input. */
function extraArguments(n: number) {
  return {
    success: false as const,
    error: { issues: [{ path: [] as (string | number)[], message: `expected one payload argument, got ${n}` }] },
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

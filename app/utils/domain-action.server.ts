import { data } from "@remix-run/node";
import { isDomainError } from "../../server/errors";
import type { ErrorPayload } from "./errors";

const statusFor: Record<string, number> = {
  unauthenticated: 401,
  forbidden: 403,
  login_rate_limited: 429,
  rate_limited: 429,
  not_found: 404,
};

/**
 * Runs an action body; a DomainError becomes `{ error: { code, details } }` with a fitting status
 * (the form shows it translated), anything else propagates to the error boundary and the log.
 */
export async function handleDomainErrors<T>(body: () => Promise<T> | T) {
  try {
    return await body();
  } catch (err) {
    // A service's own zod parse (the second line of defence behind the form's schema) is bad input,
    // never a 500 (issue 14: a short-notice reason of 2 characters showed 服务器出错).
    if (isZodError(err)) return data({ error: { code: "invalid_input" } as ErrorPayload, fieldErrors: fieldErrorsOf(err) }, { status: 400 });
    if (!isDomainError(err)) throw err;
    const error: ErrorPayload = { code: err.code, details: err.details as ErrorPayload["details"] };
    return data({ error }, { status: statusFor[err.code] ?? 400 });
  }
}

type ZodLike = { name: string; issues: { path: (string | number)[]; message: string; code: string }[] };
const isZodError = (e: unknown): e is ZodLike => typeof e === "object" && e !== null && (e as ZodLike).name === "ZodError" && Array.isArray((e as ZodLike).issues);

/** The first problem of each field, as an error code the form translates next to the field. */
export function fieldErrorsOf(err: ZodLike): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of err.issues) {
    const field = String(issue.path[issue.path.length - 1] ?? "form");
    out[field] ??= issue.code === "too_small" ? "too_short" : issue.code === "too_big" ? "too_long" : "invalid";
  }
  return out;
}

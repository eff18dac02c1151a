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
    if (!isDomainError(err)) throw err;
    const error: ErrorPayload = { code: err.code, details: err.details as ErrorPayload["details"] };
    return data({ error }, { status: statusFor[err.code] ?? 400 });
  }
}

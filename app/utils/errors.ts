import type { TFunction } from "i18next";

/** JSON-safe details (numbers and words a message can interpolate). */
export type ErrorPayload = { code: string; details?: Record<string, string | number | boolean | null> };

/** Translates a server error code (DomainError / ack error) into the viewer's language. */
export function errorMessage(t: TFunction, error: ErrorPayload): string {
  const key = `errors.${error.code}`;
  const text = t(key, { ...(error.details ?? {}) } as Record<string, unknown>);
  return text === key ? t("errors.generic") : String(text);
}

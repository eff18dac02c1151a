import type { ZodError } from "zod";

/** A message the page translates: an i18n key and its interpolation values. */
export type FieldMessage = { key: string; values?: Record<string, string | number | boolean | null> };

/** What a pool action returns when it did not succeed (success redirects with `?saved=`). */
export type FormResult = {
  /** Which form on the page this answers (pages with several forms show errors only on that one). */
  intent: string;
  fieldErrors: Record<string, FieldMessage>;
  formError: FieldMessage | null;
};

/** zod issues → one translated message per field (`pool.validation.<code>`; features become `feature:<key>`). */
export function zodFieldMessages(error: ZodError): Record<string, FieldMessage> {
  const out: Record<string, FieldMessage> = {};
  for (const issue of error.issues) {
    const [first, second] = issue.path;
    const field = first === "features" && second !== undefined ? `feature:${String(second)}` : String(first ?? "form");
    out[field] ??= { key: `pool.validation.${/^[a-z_]+$/.test(issue.message) ? issue.message : "invalid"}` };
  }
  return out;
}

export function isFormResult(value: unknown): value is FormResult {
  return typeof value === "object" && value !== null && "intent" in value && "fieldErrors" in value;
}

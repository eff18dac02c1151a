/**
 * An expected failure a person can act on. `code` is stable and translated by the UI
 * (app/locales/*: errors.<code>); `details` may name the field or item concerned.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = "DomainError";
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

/** Marks DomainErrors across bundles: the Remix build carries its own copy of this module. */
const brand = Symbol.for("civic.DomainError");

/**
 * An expected failure a person can act on. `code` is stable and translated by the UI
 * (app/locales/*: errors.<code>); `details` may name the field or item concerned.
 */
export class DomainError extends Error {
  readonly [brand] = true;
  constructor(
    readonly code: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = "DomainError";
  }
}

export const isDomainError = (e: unknown): e is DomainError =>
  typeof e === "object" && e !== null && (e as Record<symbol, unknown>)[brand] === true;

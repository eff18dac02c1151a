import type { LedgerScope } from "../../db/schema";
import { maskPersonalData } from "./personal-data";

/**
 * Free text that people type in a public room — a party's statement, a juror's question put to a
 * party, an opinion in a council, a comment on a publication — is public, but the phone numbers, ID
 * numbers, room numbers and names inside it are not (issue 12): the public sees it with every
 * detected item masked (server/privacy/personal-data.ts). The row keeps the text as typed for the
 * chair (and a court); the record carries the masked text and, when something was masked, a keyed
 * commitment to the full text (decision 008), so the office can later prove what was said.
 */
export function publicText(text: string): string {
  return maskPersonalData(text);
}

type Committer = { commitment(scope: LedgerScope, scopeId: number, purpose: string, text: string): string };

/**
 * The record's fields for a typed text: the masked text under `field` (default `text`), plus a
 * commitment to the original if it differs.
 */
export function recordedText(ledger: Committer, scope: LedgerScope, scopeId: number, purpose: string, text: string, field = "text"): Record<string, string> {
  const masked = publicText(text);
  return masked === text ? { [field]: text } : { [field]: masked, fullTextCommitment: ledger.commitment(scope, scopeId, purpose, text) };
}

import { optionIsDefault } from "~/components/system-text";
import type { TFunction } from "i18next";
import type { BallotOption } from "../../../db/schema";
import type { Actor } from "../../../server/ledger/ledger";

/** 3f9a12bc7d0e44a1 → "3f9a 12bc 7d0e 44a1": easier to read aloud and compare on the published list. */
export function formatReceipt(receipt: string): string {
  return receipt.match(/.{1,4}/g)?.join(" ") ?? receipt;
}

export function optionLabel(options: BallotOption[], id: string | null | undefined, t?: TFunction): string {
  const option = options.find((o) => o.id === id);
  // The default options' stored labels are the system's Chinese words: shown in the page's language (issue 17).
  const key = option ? optionIsDefault(option) : null;
  if (t && key) return t(key);
  return option?.label ?? id ?? "";
}

/** Share of votes in whole percent (0 when nothing was cast). */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}

/** How an open ballot's voter is shown: their name if they agreed to be named, else their number. */
export function voterLabel(t: TFunction, voter: Actor): string {
  if (voter.name) return voter.name;
  if (voter.kind === "juror" && voter.id !== undefined) return t("ballot.voter.juror", { id: voter.id });
  if (voter.id !== undefined) return t("ballot.voter.representative", { id: voter.id });
  return t("ballot.voter.unknown");
}

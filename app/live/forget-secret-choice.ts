/**
 * After a secret ballot closes, the phone keeps only the receipt (issue 12): the choice and the
 * submission key are wiped from localStorage, so whoever picks up the phone later cannot read how its
 * owner voted from the device itself. The receipt stays, to find one's line in the published list.
 * An entry without a receipt is left alone: its vote may still be resent to fetch the receipt.
 */
export function forgetSecretChoice(storageKey: string): void {
  try {
    const entry = JSON.parse(localStorage.getItem(storageKey) ?? "null") as { key?: string; optionId?: string; receipt?: string } | null;
    if (!entry?.receipt || (entry.key === "" && entry.optionId === "")) return;
    localStorage.setItem(storageKey, JSON.stringify({ key: "", optionId: "", receipt: entry.receipt }));
  } catch {
    // Storage unavailable or corrupt: nothing to forget.
  }
}

/**
 * Sign-in throttling by growing delays, never lockouts (issue 13; docs/security.md "Sign-in throttling").
 *
 * Failures are counted under three keys, each with its own free allowance and ceiling:
 * - the account *and* the address together (a guesser at one place, against one account);
 * - the account from every address (a guesser spread over many addresses);
 * - the address against every account (one address spraying many accounts) — with a low ceiling,
 *   because a hall's shared Wi-Fi or a proxy puts many honest residents behind one address.
 * After the free failures each further one doubles the wait (1 s, 2 s, 4 s …) up to the ceiling.
 * A key forgets its failures an hour after the last one. A device that has signed in to the account
 * before (a `civic_device` cookie we set) is never delayed: an attacker elsewhere cannot keep the
 * mediator out of their own office computer, whatever they try.
 * In memory: right for the single-process deployment (DESIGN.md §5); a restart forgets the counts.
 */
export type ThrottleRule = { free: number; maxDelayMs: number };

export const throttleRules = {
  accountAddress: { free: 5, maxDelayMs: 15 * 60 * 1000 },
  account: { free: 20, maxDelayMs: 15 * 60 * 1000 },
  address: { free: 50, maxDelayMs: 60 * 1000 },
} satisfies Record<string, ThrottleRule>;

const FORGET_AFTER_MS = 60 * 60 * 1000;

export function delayAfter(failures: number, rule: ThrottleRule): number {
  if (failures <= rule.free) return 0;
  return Math.min(1000 * 2 ** Math.min(failures - rule.free - 1, 30), rule.maxDelayMs);
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

export function createLoginThrottle(opts: { now?: () => number; rules?: typeof throttleRules } = {}) {
  const now = opts.now ?? Date.now;
  const rules = opts.rules ?? throttleRules;
  type Entry = { failures: number; last: number };
  const tables = { accountAddress: new Map<string, Entry>(), account: new Map<string, Entry>(), address: new Map<string, Entry>() };
  const keysFor = (account: string, address: string) => ({ accountAddress: `${account}\u0000${address}`, account, address });

  function live(table: Map<string, Entry>, key: string, t: number): Entry | undefined {
    const e = table.get(key);
    if (e && t - e.last > FORGET_AFTER_MS) {
      table.delete(key);
      return undefined;
    }
    return e;
  }
  function prune(t: number) {
    for (const table of Object.values(tables)) if (table.size > 20_000) for (const [k, e] of table) if (t - e.last > FORGET_AFTER_MS) table.delete(k);
  }

  return {
    /** Ms to wait before this attempt may be checked; 0 for a known device. */
    wait(account: string, address: string, knownDevice: boolean): number {
      if (knownDevice) return 0;
      const t = now();
      const keys = keysFor(account, address);
      let wait = 0;
      for (const name of ["accountAddress", "account", "address"] as const) {
        const e = live(tables[name], keys[name], t);
        if (e) wait = Math.max(wait, e.last + delayAfter(e.failures, rules[name]) - t);
      }
      return Math.max(0, wait);
    },
    fail(account: string, address: string): void {
      const t = now();
      prune(t);
      const keys = keysFor(account, address);
      for (const name of ["accountAddress", "account", "address"] as const) {
        const e = live(tables[name], keys[name], t);
        tables[name].set(keys[name], { failures: (e?.failures ?? 0) + 1, last: t });
      }
    },
    /** A success clears the count of this account at this address (not the account's or the address's). */
    succeed(account: string, address: string): void {
      tables.accountAddress.delete(keysFor(account, address).accountAddress);
    },
    /** An administrator's "unlock": forget every failure against the account. */
    unlock(account: string): void {
      tables.account.delete(account);
      for (const k of tables.accountAddress.keys()) if (k.startsWith(`${account}\u0000`)) tables.accountAddress.delete(k);
    },
    /** Failures currently counted against the account (for the admin's user page). */
    failures(account: string): number {
      return live(tables.account, account, now())?.failures ?? 0;
    },
  };
}

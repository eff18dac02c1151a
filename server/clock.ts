/** Injected into services so tests can move time (expiry, notice periods, timers) without waiting. */
export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };

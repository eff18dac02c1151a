/**
 * Latency bookkeeping shared by the bench's processes.
 *
 * Vote-to-spectator latencies are one number per (vote, spectator) pair: 50 votes × 5,000 spectators
 * is 250,000 numbers a round. Client processes fold them into a fixed-bucket histogram (0.1 ms wide,
 * so a percentile is off by at most 0.1 ms) and send only the non-empty buckets to the parent.
 */

const BUCKET_MS = 0.1;
/** Anything slower lands in the last bucket; a latency of a minute is a failure, not a figure. */
const MAX_MS = 60_000;
const BUCKETS = Math.ceil(MAX_MS / BUCKET_MS) + 1;

export type SparseHistogram = { buckets: [index: number, count: number][]; count: number; max: number };

export class Histogram {
  private readonly counts = new Uint32Array(BUCKETS);
  count = 0;
  max = 0;

  record(ms: number): void {
    const v = ms < 0 ? 0 : ms; // the clock is shared (CLOCK_MONOTONIC); a negative value is rounding
    const i = Math.min(BUCKETS - 1, Math.floor(v / BUCKET_MS));
    this.counts[i] += 1;
    this.count += 1;
    if (v > this.max) this.max = v;
  }

  merge(other: SparseHistogram): void {
    for (const [i, n] of other.buckets) this.counts[i] += n;
    this.count += other.count;
    if (other.max > this.max) this.max = other.max;
  }

  /** The value below which a share `q` (0–1) of the samples lie (upper edge of its bucket). */
  percentile(q: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(this.max, (i + 1) * BUCKET_MS);
    }
    return this.max;
  }

  toSparse(): SparseHistogram {
    const buckets: [number, number][] = [];
    for (let i = 0; i < BUCKETS; i++) if (this.counts[i]) buckets.push([i, this.counts[i]]);
    return { buckets, count: this.count, max: this.max };
  }
}

/** Exact percentile of a small sample (acks: one number per vote). */
export function percentile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const round = (v: number | null, digits = 1): number | null => (v === null || !Number.isFinite(v) ? null : Number(v.toFixed(digits)));

/**
 * Milliseconds on CLOCK_MONOTONIC (libuv's hrtime). It is one clock for every process on the machine,
 * so a juror's emit time and a spectator's receive time, taken in different processes, subtract
 * exactly — unlike Date.now(), which can step, or performance.timeOrigin, which each process samples.
 */
export const monoMs = (): number => Number(process.hrtime.bigint()) / 1e6;

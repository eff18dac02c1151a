// The slice of autocannon's programmatic API the bench uses (the package ships no types).
declare module "autocannon" {
  type Stat = { average: number; mean: number; stddev: number; min: number; max: number; p50: number; p90: number; p99: number; total: number };
  export type Result = {
    requests: Stat;
    latency: Stat;
    throughput: Stat;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
  };
  export type Options = { url: string; connections?: number; duration?: number; headers?: Record<string, string>; pipelining?: number };
  export default function autocannon(opts: Options): Promise<Result>;
}

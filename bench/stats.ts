import { mkdirSync, writeFileSync } from "node:fs";

export type Summary = { n: number; p50: number; p95: number; p99: number; mean: number; max: number };

/** Percentiles of a list of milliseconds (nearest-rank). */
export function summarize(ms: number[]): Summary {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: s.length,
    p50: r(at(50)),
    p95: r(at(95)),
    p99: r(at(99)),
    mean: r(s.reduce((a, b) => a + b, 0) / (s.length || 1)),
    max: r(s[s.length - 1] ?? 0),
  };
}

export function writeReport(name: string, report: unknown): string {
  mkdirSync("bench/results", { recursive: true });
  const path = `bench/results/${name}.json`;
  writeFileSync(path, JSON.stringify(report, null, 2));
  return path;
}

/** Runs `total` async tasks with `concurrency` in flight; returns each task's latency (ms) and the wall time. */
export async function loadTest(total: number, concurrency: number, task: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const s = performance.now();
        try {
          await task(i);
        } catch {
          errors++;
        }
        latencies.push(performance.now() - s);
      }
    }),
  );
  const wallMs = performance.now() - t0;
  return {
    ...summarize(latencies),
    errors,
    wallMs: Math.round(wallMs),
    throughputPerSec: Math.round((total / wallMs) * 1000),
  };
}

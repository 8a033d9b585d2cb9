// The figures the server benchmarks print, computed one way for all of them.

/** The value at fraction `p` of the sorted samples (0.5: the median, upper one for an even count). */
export function percentile(xs: readonly number[], p: number): number {
  return [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;
}

/** One phase's round trips against issue 7's target. */
export function latencyLine(times: readonly number[]): string {
  const ms = (x: number): string => `${x.toFixed(1)} ms`;
  return `median ${ms(percentile(times, 0.5))}, p95 ${ms(percentile(times, 0.95))}, max ${ms(Math.max(...times))} over ${times.length} edits (target ≤ 100 ms)`;
}

/** Appends `x` to the samples kept under `key`. */
export function record<K>(byKey: Map<K, number[]>, key: K, x: number): void {
  const xs = byKey.get(key);
  if (xs) xs.push(x);
  else byKey.set(key, [x]);
}

// How the language server process is started: the extension and `npm run bench:process` share
// it, so the benchmark measures the process users run. Both settings trade a little speed for
// memory, which is what a 1M-file context runs out of (issue 7, peak ≤ 400 MB):
// - V8's --optimize-for-size grows the heap more tightly: peak RSS on the 1M-file bench went
//   from ~390 MiB to ~350 MiB, with no slower first summary.
// - glibc raises its mmap threshold to the largest block freed so far, after which the scan's
//   hand-over chunks (hundreds of KB each) come from malloc arenas that keep freed memory
//   resident: ~80 MB on the same bench (477 -> 392 MiB). MALLOC_MMAP_THRESHOLD_ fixes the
//   threshold; other C libraries ignore the variable. A value the user already set wins.
export interface ServerProcessOptions { env: NodeJS.ProcessEnv; execArgv: string[] }

export function serverProcessOptions(base: NodeJS.ProcessEnv, extraExecArgv: string[] = []): ServerProcessOptions {
  return {
    env: { ...base, MALLOC_MMAP_THRESHOLD_: base.MALLOC_MMAP_THRESHOLD_ ?? String(128 * 1024) },
    execArgv: ['--optimize-for-size', ...extraExecArgv],
  };
}

// What every CLI command shares besides the figures (engine/format.ts words those, as the editor
// does): the one-line error, paths as people type them, tables and a progress line.
import path from 'node:path';

/** A failure the user can act on: main prints `buildctx: <message>` (one line) and exits 2. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export function isCliError(err: unknown): err is CliError {
  return err instanceof Error && err.name === 'CliError' && typeof (err as CliError).exitCode === 'number';
}

/** A path as people type it: relative to cwd when that is shorter and stays inside it. */
export function displayPath(abs: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, abs);
  if (rel === '') return '.';
  if (rel.startsWith('..') || path.isAbsolute(rel)) return abs;
  return rel;
}

/** Left-aligned first column, right-aligned others; two spaces between columns. */
export function table(rows: string[][], indent = '  '): string {
  const widths: number[] = [];
  for (const r of rows)
    r.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, c.length);
    });
  return rows
    .map(
      (r) =>
        indent +
        r
          .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
}

/** Whether stderr is an interactive terminal (progress lines only then). */
export function stderrIsTty(): boolean {
  return process.stderr.isTTY === true;
}

/** A progress line rewritten in place on a TTY; a no-op otherwise. */
export function progressLine(clock: () => number = Date.now): { update(text: string): void; done(): void } {
  if (!stderrIsTty()) return { update: () => undefined, done: () => undefined };
  let last = -Infinity;
  return {
    update(text) {
      // At most ten repaints a second: a terminal redrawn per file slows the scan down.
      const now = clock();
      if (now - last < 100) return;
      last = now;
      process.stderr.write(`\r\x1b[2K${text}`);
    },
    done() {
      process.stderr.write('\r\x1b[2K');
    },
  };
}

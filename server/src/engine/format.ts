// Costs in the units a person reads at a glance, the same on every surface (diagnostics, hover,
// status bar, report, CLI): "7,994 files, 105.8 MiB, 91% of the context". IEC units, as `du -h`
// and Docker's own progress use.
import { filesize } from 'filesize';
import type { Totals } from './types';

export function formatBytes(bytes: number): string {
  return String(filesize(bytes, { standard: 'iec', round: 1 }));
}

/**
 * "7,994". Grouped by hand rather than with toLocaleString: its first call loads ICU's locale
 * data, 12 ms of a 300 ms `buildctx check`.
 */
export function formatNumber(n: number): string {
  const [int, frac] = String(n).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** "1 file", "7,994 files"; any noun. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

export function formatFiles(files: number): string {
  return plural(files, 'file');
}

/** "7,994 files, 105.8 MiB". */
export function formatTotals(t: Totals): string {
  return `${formatFiles(t.files)}, ${formatBytes(t.bytes)}`;
}

/** Compact file count for narrow places: 950, 9.2k, 198k, 1.2M. */
export function formatCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 10_000) return `${trim1(n / 1000)}k`;
  if (n < 1_000_000) return `${Math.round(n / 1000)}k`;
  return `${trim1(n / 1_000_000)}M`;
}

function trim1(x: number): string {
  return (Math.round(x * 10) / 10).toFixed(1).replace(/\.0$/, '');
}

/**
 * Share of a whole, never rounding a real part down to 0% or a partial one up to 100%: "sends
 * 100% of the context" must mean all of it, so 99.6% of it reads ">99%".
 */
export function formatShare(part: number, whole: number): string {
  if (whole <= 0 || part <= 0) return '0%';
  const pct = (part / whole) * 100;
  if (pct < 1) return '<1%';
  if (pct >= 99.5 && part < whole) return '>99%';
  return `${Math.round(pct)}%`;
}

/** "a, b, c and 4 more": long lists stay readable in a diagnostic. */
export function listSome(items: string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/**
 * Orders text as people scan a listing: letters case-insensitively ("deploy/" before
 * "Makefile"), then by code unit, so the order is total and the same on every machine. Not
 * localeCompare: its first call loads ICU's collator (10 ms of a CLI run), and its order moves
 * with the locale.
 */
export function compareText(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

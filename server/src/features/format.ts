// Human units shared by hovers, the status bar and the report, so every surface shows the
// same figure for the same bytes ("105.8 MiB", as `buildctx context` prints it).
import { filesize } from 'filesize';
import type { Totals } from '../engine/types';

export function formatBytes(bytes: number): string {
  return String(filesize(bytes, { standard: 'iec', round: 1 }));
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

export function formatTotals(t: Totals): string {
  return `${t.files.toLocaleString('en-US')} ${t.files === 1 ? 'file' : 'files'}, ${formatBytes(t.bytes)}`;
}

export function percent(part: number, whole: number): string {
  if (whole <= 0) return '0%';
  const p = (part / whole) * 100;
  return p > 0 && p < 1 ? '<1%' : `${Math.round(p)}%`;
}

// Costs in the units a person reads at a glance: "7,994 files, 105.8 MiB, 91% of the context".
import { filesize } from 'filesize';
import type { Totals } from '../../types';

export function formatBytes(bytes: number): string {
  return String(filesize(bytes, { standard: 'iec', round: 1 }));
}

export function formatFiles(files: number): string {
  return `${files.toLocaleString('en-US')} ${files === 1 ? 'file' : 'files'}`;
}

export function formatTotals(t: Totals): string {
  return `${formatFiles(t.files)}, ${formatBytes(t.bytes)}`;
}

/** Share of the context, never rounding a real cost down to 0% or a partial one up to 100%. */
export function formatShare(part: number, whole: number): string {
  if (whole <= 0 || part <= 0) return '0%';
  const pct = (part / whole) * 100;
  if (pct < 1) return '<1%';
  if (pct >= 99.5 && part < whole) return '>99%';
  return `${Math.round(pct)}%`;
}

/** "a, b, c and 4 more" — long lists stay readable in a diagnostic. */
export function listSome(items: string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

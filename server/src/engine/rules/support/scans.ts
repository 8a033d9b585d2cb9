// Which scans an ignore-file rule may use: finished, not failed, and made from the same patterns
// as the text being checked (an unsaved edit the scan has not caught up with would shift indices).
import type { ContextScan } from '../../context/model';
import type { IgnoreFileRuleContext } from '../types';

export function scanAgrees(scan: ContextScan, ctx: IgnoreFileRuleContext): boolean {
  const mine = ctx.parsed.patterns;
  if (scan.patterns.length !== mine.length) return false;
  return scan.patterns.every((p, i) => p.pattern === mine[i]!.pattern && p.negate === mine[i]!.negate && p.line === mine[i]!.line);
}

/** Scans of the builds using this file that the pattern-level rules can trust. */
export function usableScans(ctx: IgnoreFileRuleContext): ContextScan[] {
  const out: ContextScan[] = [];
  for (const b of ctx.builds) {
    const s = b.scan;
    if (s && !s.fatal && s.ignoreFile === ctx.file && scanAgrees(s, ctx) && !out.includes(s)) out.push(s);
  }
  return out;
}

const memo = new WeakMap<ContextScan, Map<string, { key: string; value: unknown }>>();
const revisions = new WeakMap<ContextScan, number>();

/**
 * Marks a scan patched in place (a watched-file event): whole-tree results cached for it are
 * stale even when its totals did not move (a rename keeping sizes must not show the old path).
 */
export function scanPatched(scan: ContextScan): void {
  revisions.set(scan, (revisions.get(scan) ?? 0) + 1);
}

/**
 * Caches a whole-tree computation per scan: rules run on every keystroke, the tree changes far
 * less often. A rematch or rescan is a new scan object; in-place patches bump its revision
 * (`scanPatched`), and the totals stay in the key for callers that patch without saying so.
 */
export function memoByScan<T>(scan: ContextScan, name: string, key: string, compute: () => T): T {
  const full = `${revisions.get(scan) ?? 0}\0${scan.sent.files},${scan.sent.bytes},${scan.excluded.files},${scan.excluded.bytes}\0${key}`;
  let byName = memo.get(scan);
  const hit = byName?.get(name);
  if (hit && hit.key === full) return hit.value as T;
  const value = compute();
  if (!byName) { byName = new Map(); memo.set(scan, byName); }
  byName.set(name, { key: full, value });
  return value;
}

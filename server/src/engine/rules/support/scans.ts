// Which scans an ignore-file rule may use: finished, not failed, and made from the same patterns
// as the text being checked (an unsaved edit the scan has not caught up with would shift indices).
import type { ContextScan } from '../../context/model';
import type { IgnoreFileRuleContext } from '../types';

export function scanAgrees(scan: ContextScan, ctx: IgnoreFileRuleContext): boolean {
  const mine = ctx.parsed.patterns;
  if (scan.patterns.length !== mine.length) return false;
  return scan.patterns.every((p, i) => {
    const m = mine[i]!;
    return p.pattern === m.pattern && p.negate === m.negate && p.line === m.line;
  });
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

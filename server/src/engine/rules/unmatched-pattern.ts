// A pattern that matches nothing in the context. Only a hint with a quick fix that is not safe:
// the pattern may guard files that appear later (a local .env, a build output).
import { deleteLine, lineStarts } from '../edits';
import type { ContextScan, DirEntry } from '../context/model';
import type { Finding } from '../types';
import type { IgnorePattern } from '../dockerignore/read';
import type { IgnoreFileRuleContext, Rule, RuleContext } from './types';
import { directMatcher, type PathTest } from './support/match';
import { usableScans } from './support/scans';

/** Patterns with no decided totals in this scan: the only ones that can match nothing. */
function undecided(ctx: IgnoreFileRuleContext, scan: ContextScan): Map<number, PathTest> {
  const out = new Map<number, PathTest>();
  ctx.parsed.patterns.forEach((p, i) => {
    if (p.negate || p.error || p.lazyError) return;
    const stat = scan.patternStats[i];
    if (!stat || stat.decided.files > 0 || stat.decided.bytes > 0) return;
    const test = directMatcher(p, scan.builder);
    if (test) out.set(i, test);
  });
  return out;
}

/** A pattern root-anchored-pattern reports when it matches a deeper name: not unmatched, just misplaced. */
function floats(p: IgnorePattern): boolean {
  return !p.pattern.includes('/') && !p.raw.trim().startsWith('/');
}

const WILDCARD = /[*?[\\]/;

/** True when `visit` accepts some entry below `top` (early exit; iterative for deep trees). */
function someEntry(top: DirEntry, visit: (dir: DirEntry, name: string) => boolean): boolean {
  const stack = [top];
  while (stack.length > 0) {
    const d = stack.pop()!;
    for (const f of d.files.keys()) if (visit(d, f)) return true;
    for (const c of d.dirs.values()) {
      if (visit(d, c.name)) return true;
      stack.push(c);
    }
  }
  return false;
}

const join = (dir: DirEntry, name: string): string => (dir.path ? `${dir.path}/${name}` : name);

/**
 * Whether the pattern matches any entry of the tree. Its literal leading segments say where to
 * look, so only patterns starting with a wildcard cost a walk of the whole tree.
 */
function matchesSomething(scan: ContextScan, p: IgnorePattern, test: PathTest): boolean {
  const segs = p.pattern.split('/');
  const firstWild = segs.findIndex((x) => WILDCARD.test(x));
  if (floats(p)) {
    const literal = firstWild < 0 ? p.pattern : null;
    return someEntry(scan.root, (_dir, name) => (literal !== null ? name === literal : test(name)));
  }
  const dirSegs = firstWild < 0 ? segs.slice(0, -1) : segs.slice(0, firstWild);
  let dir: DirEntry | undefined = scan.root;
  for (const seg of dirSegs) if (!(dir = dir.dirs.get(seg))) return false;
  if (firstWild < 0) {
    const last = segs[segs.length - 1]!;
    return (dir.dirs.has(last) || dir.files.has(last)) && test(p.pattern);
  }
  return someEntry(dir, (d, name) => test(join(d, name)));
}

function toFinding(ctx: IgnoreFileRuleContext, p: IgnorePattern, starts: number[]): Finding {
  return {
    ruleId: unmatchedPattern.id, severity: 'hint', file: ctx.file, tags: ['unnecessary'],
    range: { start: { line: p.line, character: p.start }, end: { line: p.line, character: p.end } },
    message: `\`${p.raw.trim()}\` matches nothing in the context`,
    fixes: [{ title: 'Remove this line', edits: [deleteLine(ctx.file, ctx.text, p.line, starts)], safe: false }],
  };
}

export const unmatchedPattern: Rule = {
  id: 'unmatched-pattern',
  appliesTo: 'ignorefile',
  defaultSeverity: 'hint',
  description: 'The pattern matches nothing in the build context.',
  check(ctx: RuleContext): Finding[] {
    if (ctx.kind !== 'ignorefile') return [];
    const perScan = usableScans(ctx).map((scan) => {
      const left = undecided(ctx, scan);
      for (const [i, test] of left) if (matchesSomething(scan, ctx.parsed.patterns[i]!, test)) left.delete(i);
      return new Set(left.keys());
    });
    if (perScan.length === 0) return [];
    // Several contexts may share the file: unmatched means unmatched in every one of them.
    const unmatched = [...perScan[0]!].filter((i) => perScan.every((s) => s.has(i)));
    const starts = lineStarts(ctx.text);
    return unmatched.sort((a, b) => a - b).map((i) => toFinding(ctx, ctx.parsed.patterns[i]!, starts));
  },
};

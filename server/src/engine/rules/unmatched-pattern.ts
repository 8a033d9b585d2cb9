// A pattern that matches nothing in the context. Only a hint with a quick fix that is not safe:
// the pattern may guard files that appear later (a local .env, a build output).
import { deleteLine } from '../edits';
import type { ContextScan } from '../context/model';
import type { Finding } from '../types';
import type { IgnorePattern } from '../dockerignore/read';
import type { IgnoreFileRuleContext, Rule, RuleContext } from './types';
import { directMatcher, type PathTest } from './support/match';
import { walkDirs } from './support/tree';
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

/** Removes from `left` every pattern that matches some entry of the tree (directory or file). */
function dropMatched(scan: ContextScan, patterns: IgnorePattern[], left: Map<number, PathTest>): void {
  const tryPath = (rel: string, name: string): void => {
    for (const [i, test] of left) if (test(rel) || (floats(patterns[i]!) && test(name))) left.delete(i);
  };
  for (const f of scan.root.files.values()) tryPath(f.name, f.name);
  walkDirs(scan.root, (dir) => {
    if (left.size === 0) return false;
    tryPath(dir.path, dir.name);
    for (const f of dir.files.values()) tryPath(`${dir.path}/${f.name}`, f.name);
    return true;
  });
}

function toFinding(ctx: IgnoreFileRuleContext, p: IgnorePattern): Finding {
  return {
    ruleId: unmatchedPattern.id, severity: 'hint', file: ctx.file, tags: ['unnecessary'],
    range: { start: { line: p.line, character: p.start }, end: { line: p.line, character: p.end } },
    message: `\`${p.raw.trim()}\` matches nothing in the context`,
    fixes: [{ title: 'Remove this line', edits: [deleteLine(ctx.file, ctx.text, p.line)], safe: false }],
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
      dropMatched(scan, ctx.parsed.patterns, left);
      return new Set(left.keys());
    });
    if (perScan.length === 0) return [];
    // Several contexts may share the file: unmatched means unmatched in every one of them.
    const unmatched = [...perScan[0]!].filter((i) => perScan.every((s) => s.has(i)));
    return unmatched.sort((a, b) => a - b).map((i) => toFinding(ctx, ctx.parsed.patterns[i]!));
  },
};

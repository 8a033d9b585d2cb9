// A pattern that matches nothing in the context. Only a hint with a quick fix that is not safe:
// the pattern may guard files that appear later (a local .env, a build output).
import { deleteLine, lineStarts } from '../edits';
import type { ContextScan, DirEntry } from '../context/model';
import type { Finding } from '../types';
import type { IgnorePattern } from '../dockerignore/read';
import type { IgnoreFileRuleContext, Rule, RuleContext } from './types';
import { directMatcher, type PathTest } from './support/match';
import { usableScans } from './support/scans';
import { KeyIndex, nameKey } from './support/nameKey';
import * as path from 'node:path';
import { gitignoreKeys, guardKey, isGuardPattern } from './support/guards';
import { findRepository } from '../gitignore/repository';
import type { TreeWork } from '../background/treeWork';

/** Patterns with no decided totals in this scan: the only ones that can match nothing. */
function undecided(patterns: IgnorePattern[], scan: ContextScan): Map<number, PathTest> {
  const out = new Map<number, PathTest>();
  patterns.forEach((p, i) => {
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

// Glob syntax, and the regexp syntax the builders leave unescaped (`a|b`, and `a+` for buildah):
// a segment holding any of it is not a plain name to look up.
const WILDCARD = /[*?[\\{}|+()^]/;

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

/** Where a pattern's matches can be: below its literal leading segments, or anywhere. */
function searchRoot(p: IgnorePattern): { segs: string[]; firstWild: number; anywhere: boolean } {
  const segs = p.pattern.split('/');
  const firstWild = segs.findIndex((x) => WILDCARD.test(x));
  return { segs, firstWild, anywhere: floats(p) || firstWild === 0 };
}

/**
 * Whether a pattern with a literal head matches any entry of the tree. Its literal leading
 * segments say where to look: a lookup for a literal pattern, else a walk of that directory.
 */
function matchesBelowHead(scan: ContextScan, p: IgnorePattern, test: PathTest): boolean {
  const { segs, firstWild } = searchRoot(p);
  const dirSegs = firstWild < 0 ? segs.slice(0, -1) : segs.slice(0, firstWild);
  let dir: DirEntry | undefined = scan.root;
  for (const seg of dirSegs) if (!(dir = dir.dirs.get(seg))) return false;
  if (firstWild < 0) {
    const last = segs[segs.length - 1]!;
    return (dir.dirs.has(last) || dir.files.has(last)) && test(p.pattern);
  }
  return someEntry(dir, (d, name) => test(join(d, name)));
}

interface Anywhere {
  index: number;
  test: PathTest;
  byName: boolean;
  literal: string | null;
}

/**
 * The patterns that may match anywhere (no '/', or a leading wildcard) that match some entry.
 * One walk for all of them: each name looks up only the patterns whose name key it fits, so
 * thousands of such patterns no longer cost thousands of walks.
 */
function matchedAnywhere(scan: ContextScan, pats: Anywhere[], patterns: IgnorePattern[]): Set<number> {
  const byKey = new KeyIndex<Anywhere>();
  const keyless: Anywhere[] = [];
  for (const a of pats) {
    const key = nameKey(patterns[a.index]!.pattern);
    if (key) byKey.add(key, a);
    else keyless.push(a);
  }
  const left = new Set(pats);
  if (left.size > 0) {
    someEntry(scan.root, (dir, name) => {
      for (const a of byKey.candidates(name, [...keyless])) {
        if (!left.has(a)) continue;
        if (a.byName ? (a.literal !== null ? name === a.literal : a.test(name)) : a.test(join(dir, name)))
          left.delete(a);
      }
      return left.size === 0;
    });
  }
  return new Set(pats.filter((a) => !left.has(a)).map((a) => a.index));
}

/** Indices of the undecided patterns that match nothing in this scan's tree. */
function unmatchedIn(patterns: IgnorePattern[], scan: ContextScan): Set<number> {
  const left = undecided(patterns, scan);
  const anywhere: Anywhere[] = [];
  for (const [i, test] of left) {
    const p = patterns[i]!;
    const { firstWild, anywhere: any } = searchRoot(p);
    if (any)
      anywhere.push({ index: i, test, byName: floats(p), literal: floats(p) && firstWild < 0 ? p.pattern : null });
    else if (matchesBelowHead(scan, p, test)) left.delete(i);
  }
  for (const i of matchedAnywhere(scan, anywhere, patterns)) left.delete(i);
  return new Set(left.keys());
}

/**
 * Indices of the exclusion patterns (of the text `scan` was matched with) that match nothing in
 * its tree. Kept per scan: the rule asks on every check and the ignore file's inlay hints after
 * it, and a pattern that matches nothing may need a walk of the whole tree to prove it.
 */
export function unmatchedPatterns(work: TreeWork, scan: ContextScan, patterns: IgnorePattern[]): ReadonlySet<number> {
  const key = patterns.map((p) => `${p.line}:${p.negate ? '!' : ''}${p.pattern}`).join('\n');
  return work.memo(scan, 'unmatched-patterns', key, () => unmatchedIn(patterns, scan));
}

function toFinding(ctx: IgnoreFileRuleContext, p: IgnorePattern, starts: number[]): Finding {
  return {
    ruleId: unmatchedPattern.id,
    severity: 'hint',
    file: ctx.file,
    tags: ['unnecessary'],
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
    const perScan = usableScans(ctx).map((scan) => unmatchedPatterns(ctx.work, scan, ctx.parsed.patterns));
    if (perScan.length === 0) return [];
    // Several contexts may share the file: unmatched means unmatched in every one of them.
    const unmatched = [...perScan[0]!].filter((i) => perScan.every((s) => s.has(i)));
    // A guard for what a clean checkout lacks (build output, caches, local env files) is not dead.
    const repo = findRepository(path.dirname(ctx.file), ctx.fs)?.root;
    const gitignored = gitignoreKeys([path.dirname(ctx.file), ...(repo ? [repo] : [])], ctx.fs);
    const guards = (i: number): boolean => {
      const p = ctx.parsed.patterns[i]!.pattern;
      return isGuardPattern(p) || gitignored.has(guardKey(p));
    };
    const starts = lineStarts(ctx.text);
    return unmatched
      .filter((i) => !guards(i))
      .sort((a, b) => a - b)
      .map((i) => toFinding(ctx, ctx.parsed.patterns[i]!, starts));
  },
};

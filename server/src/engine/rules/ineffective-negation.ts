// A '!' pattern that brings nothing back. Either it matches nothing, or nothing before it
// excludes what it matches, or a later pattern excludes it again, or — the surprising one —
// the builder never looks inside the excluded directory it points into: the classic builder
// enters an excluded directory only when some '!' pattern literally starts with its path
// (SEMANTICS.md §5, cases 47/48/51), while BuildKit walks in once any '!' has a wildcard.
import type { ContextScan } from '../context/model';
import { compileContextMatcher, type ContextMatcher } from '../context/scan/match';
import type { Finding } from '../types';
import type { IgnorePattern } from '../dockerignore/read';
import type { IgnoreFileRuleContext, Rule, RuleContext } from './types';
import { directMatcher, type PathTest } from './support/match';
import { walkDirs } from './support/tree';
import { usableScans } from './support/scans';
import { pipelineOutput } from './support/pipeline';
import { KeyIndex, nameKey } from './support/nameKey';

const MAX_EXAMPLES = 50;

type Reason =
  | { kind: 'nothing' }
  | { kind: 'closed'; dir: string; by: number; path: string }
  | { kind: 'later'; by: number; path: string }
  | { kind: 'notExcluded'; path: string };

const RANK: Record<Reason['kind'], number> = { closed: 3, later: 2, notExcluded: 1, nothing: 0 };

interface Examples {
  index: number;
  test: PathTest;
  paths: string[];
  closed: boolean;
}

/**
 * Paths (directories and files) each negation's text matches, shallowest first, capped, for
 * every negation at once: one walk, each entry testing only the negations whose name key its
 * name fits (thousands of `!` lines each walking the tree took seconds). A negation stops
 * collecting at the first directory it reaches with enough examples, as a walk of its own did.
 */
function collectExamples(scan: ContextScan, all: Examples[], patterns: IgnorePattern[]): void {
  const byKey = new KeyIndex<Examples>();
  const keyless: Examples[] = [];
  for (const e of all) {
    // buildah's patterns also match everything below a match: no key for the deeper names.
    const key = scan.builder === 'podman' ? null : nameKey(patterns[e.index]!.pattern);
    if (key) byKey.add(key, e);
    else keyless.push(e);
  }
  let full: Examples[] = [];
  let open = all.length;
  const visit = (name: string, path: string): void => {
    for (const e of byKey.candidates(name, [...keyless])) {
      if (e.closed || !e.test(path)) continue;
      e.paths.push(path);
      if (e.paths.length === MAX_EXAMPLES) full.push(e);
    }
  };
  for (const f of scan.root.files.values()) visit(f.name, f.name);
  walkDirs(scan.root, (dir) => {
    for (const e of full) {
      e.closed = true;
      open--;
    }
    full = [];
    if (open === 0) return false;
    visit(dir.name, dir.path);
    for (const f of dir.files.values()) visit(f.name, `${dir.path}/${f.name}`);
    return true;
  });
}

/** Example paths of each negation of the file this scan has no totals for (exported for tests). */
export function negationExamples(ctx: IgnoreFileRuleContext, scan: ContextScan): Map<number, string[]> {
  return lazyExamples(ctx, scan)();
}

/** The negations of the file this scan has no totals for, with their example paths (computed on first use). */
function lazyExamples(ctx: IgnoreFileRuleContext, scan: ContextScan): () => Map<number, string[]> {
  let byIndex: Map<number, string[]> | undefined;
  return () => {
    if (byIndex) return byIndex;
    const all: Examples[] = [];
    ctx.parsed.patterns.forEach((p, index) => {
      if (!p.negate || p.error || p.lazyError || !undecided(scan, index)) return;
      const test = directMatcher(p, scan.builder);
      if (test) all.push({ index, test, paths: [], closed: false });
    });
    collectExamples(scan, all, ctx.parsed.patterns);
    return (byIndex = new Map(all.map((e) => [e.index, e.paths])));
  };
}

function undecided(scan: ContextScan, index: number): boolean {
  const stat = scan.patternStats[index];
  return stat !== undefined && stat.decided.files === 0 && stat.decided.bytes === 0;
}

/** Why the negation at `index` does not re-include `rel`, walking from the root as the builder does. */
function reasonFor(m: ContextMatcher, index: number, rel: string): Reason | null {
  const segs = rel.split('/');
  let state = m.root;
  for (let i = 0; i < segs.length; i++) {
    const sub = segs.slice(0, i + 1).join('/');
    state = m.match(sub, state);
    if (i < segs.length - 1 && state.excluded && !m.descendsInto(sub, state))
      return { kind: 'closed', dir: sub, by: state.by, path: rel };
  }
  if (state.excluded && state.by > index) return { kind: 'later', by: state.by, path: rel };
  // Re-included after all (an empty directory has no totals to show it): not ineffective.
  if (!state.excluded && state.by === index) return null;
  return { kind: 'notExcluded', path: rel };
}

function explain(ctx: IgnoreFileRuleContext, p: IgnorePattern, r: Reason, builder: string): string {
  const text = `\`${p.raw.trim()}\``;
  const ref = (i: number): string => {
    const q = ctx.parsed.patterns[i];
    return q ? `\`${q.raw.trim()}\` on line ${q.line + 1}` : 'a pattern the builder adds';
  };
  switch (r.kind) {
    case 'nothing':
      return `${text} matches nothing in the context, so it re-includes nothing`;
    case 'notExcluded':
      return `${text} re-includes nothing: no earlier pattern excludes ${r.path}`;
    case 'later':
      return `${text} is undone: ${ref(r.by)} excludes ${r.path} again`;
    case 'closed':
      return builder === 'classic'
        ? `${text} cannot reach ${r.path}: the classic builder skips the excluded directory ${r.dir}/ (${ref(r.by)}) because no \`!\` pattern starts with \`${r.dir}/\``
        : `${text} cannot reach ${r.path}: the ${builder} builder does not look inside the excluded directory ${r.dir}/ (${ref(r.by)})`;
  }
}

function assess(matcher: () => ContextMatcher, examples: () => Map<number, string[]>, index: number): Reason | null {
  const paths = examples().get(index);
  if (!paths) return null;
  if (paths.length === 0) return { kind: 'nothing' };
  const m = matcher();
  let best: Reason = { kind: 'nothing' };
  for (const rel of paths) {
    const r = reasonFor(m, index, rel);
    if (r === null) return null;
    if (RANK[r.kind] > RANK[best.kind]) best = r;
  }
  return best;
}

function lazyMatcher(scan: ContextScan): () => ContextMatcher {
  let m: ContextMatcher | undefined;
  return () => (m ??= compileContextMatcher(scan.patterns, scan.builder));
}

export const ineffectiveNegation: Rule = {
  id: 'ineffective-negation',
  appliesTo: 'ignorefile',
  defaultSeverity: 'warning',
  description:
    'A `!` pattern that re-includes nothing, or cannot reach into an excluded directory under the chosen builder.',
  check(ctx: RuleContext): Finding[] {
    if (ctx.kind !== 'ignorefile') return [];
    const out: Finding[] = [];
    const usable = usableScans(ctx).map((scan) => ({ scan, m: lazyMatcher(scan), ex: lazyExamples(ctx, scan) }));
    ctx.parsed.patterns.forEach((p, index) => {
      if (!p.negate || p.error || p.lazyError) return;
      for (const { scan, m, ex } of usable) {
        const r = assess(m, ex, index);
        if (!r) continue;
        // `!bin/*-arm64` re-includes binaries the pipeline builds before the image (issue 14).
        if (r.kind === 'nothing' && pipelineOutput(p.pattern, scan.contextDir, scan.root, ctx.fs)) return;
        out.push({
          ruleId: ineffectiveNegation.id,
          severity: 'warning',
          file: ctx.file,
          fixes: [],
          range: { start: { line: p.line, character: p.start }, end: { line: p.line, character: p.end } },
          message: explain(ctx, p, r, scan.builder),
        });
        return;
      }
    });
    return out;
  },
};

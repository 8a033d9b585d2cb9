// A pattern that changes nothing because another one already decides every path it matches.
// Docker's last match wins, so "covered" only holds when no '!' pattern sits between the two:
// `a`, `!a/b`, `a` — the second `a` re-excludes a/b and is not redundant.
import { deleteLine, lineStarts } from '../edits';
import type { Builder, Finding } from '../types';
import type { IgnorePattern } from '../dockerignore/read';
import type { IgnoreFileRuleContext, Rule, RuleContext } from './types';
import { directMatcher, matchesPathOrParent, type PathTest } from './support/match';
import { KeyIndex, firstKey, nameKey } from './support/nameKey';

const WILDCARD = /[*?[\\]/;

/** The leading segments of a pattern that are plain names (every path it matches lies at or below them). */
function literalHead(pattern: string): string[] {
  const segs = pattern.split('/');
  const i = segs.findIndex((s) => WILDCARD.test(s));
  return i < 0 ? segs : segs.slice(0, i);
}

/** Whether `earlier` matches (itself or through a parent) every path `later` matches. */
export function covers(earlier: IgnorePattern, test: PathTest | null, later: IgnorePattern): boolean {
  if (earlier.pattern === later.pattern) return true;
  // `**/x` matches any path ending in x, so it covers `x` and `dir/x` written out.
  if (earlier.pattern.startsWith('**/')) {
    const tail = earlier.pattern.slice(3);
    if (later.pattern === tail || later.pattern.endsWith(`/${tail}`)) return true;
  }
  if (!test) return false;
  // Everything `later` matches lies at (literal pattern) or below (wildcard pattern) its literal head.
  const head = literalHead(later.pattern);
  return head.length > 0 && matchesPathOrParent(test, head.join('/'));
}

interface Hit {
  later: IgnorePattern;
  earlier: IgnorePattern;
  duplicate: boolean;
}

/**
 * The patterns since the last '!', filed so that a later pattern finds the few that could cover
 * it instead of testing every pair (38 s for 5,000 patterns; seconds still when they shared a
 * literal head, or had none because they start with a wildcard).
 */
class Earlier {
  /** By exact text: a duplicate. */
  private readonly byText = new Map<string, number[]>();
  /** `**\/tail` patterns by tail: they cover the tail written out at any depth. */
  private byTail: Map<string, number[]> | undefined;
  /**
   * By literal head (a pattern only matches paths at or below it), then by the key of the last
   * segment (it only matches a path whose last segment fits the key) when it has one.
   */
  private readonly byHead = new Map<string, { keyed?: KeyIndex<number>; keyless: number[] }>();
  /** Patterns that start with a wildcard, by the key of their first segment when it is longer. */
  private byFirst: KeyIndex<number> | undefined;

  add(p: IgnorePattern, i: number, headSegs: string[]): void {
    push(this.byText, p.pattern, i);
    if (p.pattern.startsWith('**/')) push((this.byTail ??= new Map()), p.pattern.slice(3), i);
    const head = headSegs.join('/');
    const key = nameKey(p.pattern);
    const first = head === '' ? firstKey(p.pattern) : null;
    if (first && first.text.length > (key?.text.length ?? 0)) {
      (this.byFirst ??= new KeyIndex()).add(first, i);
      return;
    }
    let slot = this.byHead.get(head);
    if (!slot) this.byHead.set(head, (slot = { keyless: [] }));
    if (key) (slot.keyed ??= new KeyIndex()).add(key, i);
    else slot.keyless.push(i);
  }

  /** Indices, ascending, of every earlier pattern that could cover `p` (a superset of those that do). */
  candidates(p: IgnorePattern, head: string[]): number[] {
    const out: number[] = [...(this.byText.get(p.pattern) ?? [])];
    if (this.byTail) {
      const segs = p.pattern.split('/');
      for (let k = 0; k < segs.length; k++) out.push(...(this.byTail.get(segs.slice(k).join('/')) ?? []));
    }
    // Past those two, `covers` tests the literal head and each of its parents: the paths to look up.
    if (head.length === 0) return out;
    this.byFirst?.candidates(head[0]!, out);
    let h = '';
    for (let j = 0; j <= head.length; j++) {
      if (j > 0) h = j === 1 ? head[0]! : `${h}/${head[j - 1]}`;
      const slot = this.byHead.get(h);
      if (!slot) continue;
      out.push(...slot.keyless);
      // A pattern with this head can match the paths of `head` from `h` down.
      if (slot.keyed) for (let m = Math.max(j, 1); m <= head.length; m++) slot.keyed.candidates(head[m - 1]!, out);
    }
    return out.length > 1 ? [...new Set(out)].sort((a, b) => a - b) : out;
  }
}

function push(m: Map<string, number[]>, key: string, i: number): void {
  const list = m.get(key);
  if (list) list.push(i);
  else m.set(key, [i]);
}

function redundantExclusions(patterns: IgnorePattern[], builder: Builder): Hit[] {
  const hits: Hit[] = [];
  const tests = new Map<number, PathTest | null>();
  const testOf = (i: number): PathTest | null => {
    if (!tests.has(i)) tests.set(i, directMatcher(patterns[i]!, builder));
    return tests.get(i)!;
  };
  let earlier = new Earlier();
  patterns.forEach((p, j) => {
    if (p.negate) {
      earlier = new Earlier();
      return;
    }
    if (p.error || p.lazyError) return;
    const head = literalHead(p.pattern);
    const covering = earlier.candidates(p, head).find((i) => covers(patterns[i]!, testOf(i), p));
    if (covering !== undefined) {
      const e = patterns[covering]!;
      hits.push({ later: p, earlier: e, duplicate: e.pattern === p.pattern });
    }
    earlier.add(p, j, head);
  });
  return hits;
}

/** A repeated '!' pattern with only other '!' patterns since the first adds nothing either. */
function redundantNegations(patterns: IgnorePattern[]): Hit[] {
  const hits: Hit[] = [];
  let run = new Map<string, IgnorePattern>();
  for (const p of patterns) {
    if (!p.negate) {
      run = new Map();
      continue;
    }
    const first = run.get(p.pattern);
    if (first) hits.push({ later: p, earlier: first, duplicate: true });
    else run.set(p.pattern, p);
  }
  return hits;
}

function toFinding(ctx: IgnoreFileRuleContext, h: Hit, starts: number[]): Finding {
  const shown = `\`${h.earlier.raw.trim()}\` on line ${h.earlier.line + 1}`;
  const message = h.duplicate ? `Duplicate of ${shown}` : `Already covered by ${shown}: this line changes nothing`;
  return {
    ruleId: redundantPattern.id,
    severity: 'hint',
    file: ctx.file,
    tags: ['unnecessary'],
    message,
    range: {
      start: { line: h.later.line, character: h.later.start },
      end: { line: h.later.line, character: h.later.end },
    },
    fixes: [
      {
        title: 'Remove the redundant line',
        edits: [deleteLine(ctx.file, ctx.text, h.later.line, starts)],
        safe: true,
        preferred: true,
      },
    ],
  };
}

export const redundantPattern: Rule = {
  id: 'redundant-pattern',
  appliesTo: 'ignorefile',
  defaultSeverity: 'hint',
  description: 'A duplicate pattern, or one fully covered by another with no `!` between them.',
  check(ctx: RuleContext): Finding[] {
    if (ctx.kind !== 'ignorefile') return [];
    const builder = ctx.builds[0]?.builder ?? ctx.settings.builder;
    const pats = ctx.parsed.patterns;
    const hits = [...redundantExclusions(pats, builder), ...redundantNegations(pats)];
    const starts = lineStarts(ctx.text);
    return hits.sort((a, b) => a.later.line - b.later.line).map((h) => toFinding(ctx, h, starts));
  },
};

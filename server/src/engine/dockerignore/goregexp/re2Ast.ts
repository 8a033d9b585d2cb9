// The parsed form of a Go regexp: written out as a JS RegExp, and measured for how far a
// backtracking engine could go wrong on it (the caller then sends long paths to re2js, which
// runs in linear time as Go's engine does).
import { lit } from './re2Class';

export type Node =
  | { t: 'lit'; cp: number }
  /** A complete JS class such as `[^\u{2f}]` or `[\p{L}]`. */
  | { t: 'set'; js: string }
  | { t: 'dot' }
  | { t: 'assert'; k: '^' | '$' | 'b' | 'B' }
  | { t: 'cat'; items: Node[] }
  | { t: 'alt'; items: Node[] }
  | { t: 'group'; sub: Node }
  | { t: 'rep'; sub: Node; min: number; max: number; lazy: boolean };

const ASSERT_JS = { '^': '(?:^)', $: '(?:$)', b: '(?:\\b)', B: '(?:\\B)' } as const;

export function toJs(n: Node): string {
  switch (n.t) {
    case 'lit':
      return lit(n.cp);
    case 'set':
      return n.js;
    case 'dot':
      return '[^\\n]'; // Go's . stops at \n only (JS also stops at \r, U+2028, U+2029)
    case 'assert':
      return ASSERT_JS[n.k];
    case 'cat':
      return n.items.map(toJs).join('');
    case 'alt':
      return n.items.map(toJs).join('|');
    case 'group':
      return `(?:${toJs(n.sub)})`;
    case 'rep':
      return toJs(n.sub) + quantifier(n.min, n.max) + (n.lazy ? '?' : '');
  }
}

function quantifier(min: number, max: number): string {
  if (max === -1) return min === 0 ? '*' : min === 1 ? '+' : `{${min},}`;
  if (min === 0 && max === 1) return '?';
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

/**
 * Go's repeatIsValid: counted repeats inside one another may make at most `budget` copies of
 * what they repeat (`(a{100}){100}` is an error); a repeat with max 0 makes none.
 */
export function repeatFits(n: Node, budget: number): boolean {
  let left = budget;
  if (n.t === 'rep') {
    if (n.max === 0) return true;
    const m = n.max < 0 ? n.min : n.max;
    if (m > left) return false;
    if (m > 0) left = Math.floor(left / m);
  }
  if (n.t === 'rep' || n.t === 'group') return repeatFits(n.sub, left);
  if (n.t === 'cat' || n.t === 'alt') return n.items.every((item) => repeatFits(item, left));
  return true;
}

/** k: repetitions that can take many lengths; nested: one of them inside another. */
export function analyse(n: Node, depth = 0): { k: number; nested: boolean } {
  switch (n.t) {
    case 'cat':
    case 'alt': {
      let k = 0;
      let nested = false;
      for (const item of n.items) {
        const r = analyse(item, depth);
        k += r.k;
        nested ||= r.nested;
      }
      return { k, nested };
    }
    case 'group':
      return analyse(n.sub, depth);
    case 'rep': {
      const wide = n.max === -1 || n.max - n.min > 1;
      const inner = analyse(n.sub, depth + (wide ? 1 : 0));
      return { k: inner.k + (wide ? 1 : 0), nested: inner.nested || (wide && depth > 0) };
    }
    default:
      return { k: 0, nested: false };
  }
}

const isWide = (n: Node): boolean => n.t === 'rep' && (n.max === -1 || n.max - n.min > 1);

/**
 * 1 when the regexp ends in a wide repetition right before `$` (`.*$`, buildah's `(/.*)?$`):
 * once everything before it is placed it has a single way to match, so it adds no factor.
 */
export function trailingWide(n: Node): number {
  if (n.t !== 'cat' || n.items.length < 2) return 0;
  const last = n.items[n.items.length - 1];
  const before = n.items[n.items.length - 2];
  if (last.t !== 'assert' || last.k !== '$') return 0;
  if (isWide(before)) return 1;
  if (before.t === 'rep' && before.max === 1 && before.sub.t === 'group' && before.sub.sub.t === 'cat') {
    const inner = before.sub.sub.items;
    return inner.length > 0 && isWide(inner[inner.length - 1]) ? 1 : 0;
  }
  return 0;
}

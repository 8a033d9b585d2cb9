// A literal every name a pattern's last segment matches must have, so the ignore-file rules can
// look patterns and names up instead of testing every pattern against every entry or every
// earlier pattern (5,000 wildcard-leading patterns took seconds that way, issue 7).
//
// Why it holds: both builders translate `*` to `[^/]*` and `?` to `[^/]`, so when the last
// segment has no `**`, class, escape or regexp syntax, the part of a path after its last '/'
// is matched by that segment alone. A `|` anywhere (left unescaped by both builders) splits
// the whole regexp, so such patterns get no key. The key only filters: callers still run the
// builder's matcher on every candidate it lets through.

export interface NameKey {
  /** exact: the name equals `text`; prefix/suffix: the name starts/ends with it. */
  kind: 'exact' | 'prefix' | 'suffix';
  text: string;
}

const NOT_SIMPLE = /[[\]\\{}()|+^$]/;

/** The key of `pattern`'s last segment (a cleaned pattern, without '!'), or null when it has none. */
export function nameKey(pattern: string): NameKey | null {
  return pattern.includes('|') ? null : segmentKey(pattern.slice(pattern.lastIndexOf('/') + 1));
}

/**
 * The key of the first segment, which the first segment of every matched path fits for the
 * same reason (the regexp is anchored at the start too).
 */
export function firstKey(pattern: string): NameKey | null {
  const slash = pattern.indexOf('/');
  return pattern.includes('|') ? null : segmentKey(slash < 0 ? pattern : pattern.slice(0, slash));
}

function segmentKey(seg: string): NameKey | null {
  if (seg === '' || seg.includes('**') || NOT_SIMPLE.test(seg) || seg.charCodeAt(0) === 0xfeff) return null;
  const first = seg.search(/[*?]/);
  if (first < 0) return { kind: 'exact', text: seg };
  const head = seg.slice(0, first);
  const tail = seg.slice(Math.max(seg.lastIndexOf('*'), seg.lastIndexOf('?')) + 1);
  if (head === '' && tail === '') return null;
  return head.length >= tail.length ? { kind: 'prefix', text: head } : { kind: 'suffix', text: tail };
}

/** The last segment of a '/'-separated path. */
export const lastSegment = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** Items filed under name keys: which of them could match a given name. */
export class KeyIndex<T> {
  private readonly maps = {
    exact: new Map<string, T[]>(),
    prefix: new Map<string, T[]>(),
    suffix: new Map<string, T[]>(),
  };
  /** Lengths of the prefix and suffix keys: a name is looked up at those lengths only. */
  private readonly lengths = { prefix: new Set<number>(), suffix: new Set<number>() };

  add(key: NameKey, item: T): void {
    const m = this.maps[key.kind];
    const list = m.get(key.text);
    if (list) list.push(item);
    else m.set(key.text, [item]);
    if (key.kind !== 'exact') this.lengths[key.kind].add(key.text.length);
  }

  /** Items whose key `name` satisfies, appended to `out`. */
  candidates(name: string, out: T[] = []): T[] {
    const exact = this.maps.exact.get(name);
    if (exact) out.push(...exact);
    for (const k of this.lengths.prefix) {
      const hit = k <= name.length ? this.maps.prefix.get(name.slice(0, k)) : undefined;
      if (hit) out.push(...hit);
    }
    for (const k of this.lengths.suffix) {
      const hit = k <= name.length ? this.maps.suffix.get(name.slice(name.length - k)) : undefined;
      if (hit) out.push(...hit);
    }
    return out;
  }
}

// make's text and file functions that decide which files a recipe builds: `$(foreach ...)`,
// `$(wildcard ...)`, `$(patsubst ...)`, `$(notdir ...)`, `$(dir ...)` and their kin. Lists
// are capped (MAX_MATCHES words) so a generated list cannot make discovery slow; a function
// that needs the shell or user code (`$(shell)`, `$(call)`, `$(eval)`) stays unknown.
import * as path from 'node:path';
import { MAX_MATCHES, type RepoFiles } from './repoFiles';
import { unresolvedMarker } from './shellWords';

/** Expands raw text, with extra variables bound (a foreach variable). */
export type Expand = (raw: string, bind?: Map<string, string>) => string;

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

function patsubst(pattern: string, replacement: string, word: string): string {
  const p = pattern.indexOf('%');
  if (p < 0) return word === pattern ? replacement : word;
  const pre = pattern.slice(0, p);
  const suf = pattern.slice(p + 1);
  if (word.length < pre.length + suf.length || !word.startsWith(pre) || !word.endsWith(suf)) return word;
  const stem = word.slice(pre.length, word.length - suf.length);
  return replacement.includes('%') ? replacement.replace('%', stem) : replacement;
}

/** `$(VAR:a=b)`: the substitution reference, as patsubst with `%a` when no `%` is given. */
export function substRef(value: string, from: string, to: string): string {
  const [p, r] = from.includes('%') ? [from, to] : [`%${from}`, `%${to}`];
  return words(value)
    .map((w) => patsubst(p, r, w))
    .join(' ');
}

const dirOf = (w: string): string => (w.includes('/') ? w.slice(0, w.lastIndexOf('/') + 1) : './');
const notdir = (w: string): string => w.slice(w.lastIndexOf('/') + 1);
const basename = (w: string): string => {
  const dot = w.lastIndexOf('.');
  return dot > w.lastIndexOf('/') ? w.slice(0, dot) : w;
};
const matchesAny = (pats: string[], w: string): boolean => pats.some((p) => patsubst(p, '\0', w) === '\0');

/** One word per element, each mapped; `fn` gets the expanded arguments before the list. */
const perWord =
  (fn: (w: string, a: string[]) => string) =>
  (a: string[]): string =>
    words(a[a.length - 1] ?? '')
      .map((w) => fn(w, a))
      .join(' ');

const SIMPLE: Record<string, { arity: number; run: (a: string[]) => string }> = {
  patsubst: { arity: 3, run: perWord((w, a) => patsubst((a[0] as string).trim(), (a[1] as string).trim(), w)) },
  subst: { arity: 3, run: (a) => (a[2] as string).split(a[0] as string).join(a[1]) },
  notdir: { arity: 1, run: perWord(notdir) },
  dir: { arity: 1, run: perWord(dirOf) },
  basename: { arity: 1, run: perWord(basename) },
  addprefix: { arity: 2, run: perWord((w, a) => `${(a[0] as string).trim()}${w}`) },
  addsuffix: { arity: 2, run: perWord((w, a) => `${w}${(a[0] as string).trim()}`) },
  filter: { arity: 2, run: (a) => keep(a, true) },
  'filter-out': { arity: 2, run: (a) => keep(a, false) },
  firstword: { arity: 1, run: (a) => words(a[0] as string)[0] ?? '' },
  lastword: { arity: 1, run: (a) => words(a[0] as string).pop() ?? '' },
  word: { arity: 2, run: (a) => words(a[1] as string)[Number((a[0] as string).trim()) - 1] ?? '' },
  words: { arity: 1, run: (a) => String(words(a[0] as string).length) },
  strip: { arity: 1, run: (a) => words(a[0] as string).join(' ') },
  sort: { arity: 1, run: (a) => [...new Set(words(a[0] as string))].sort().join(' ') },
};

function keep(a: string[], wanted: boolean): string {
  const pats = words(a[0] as string);
  return words(a[1] as string)
    .filter((w) => matchesAny(pats, w) === wanted)
    .join(' ');
}

/** Splits a function's arguments at top-level commas; the last one keeps any further commas. */
export function splitArgs(text: string, arity: number): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length && out.length < arity - 1; i++) {
    const c = text[i];
    if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

export interface FunctionScope {
  /** The folder make runs in: wildcards are relative to it. */
  dir?: string;
  files?: RepoFiles;
}

function foreach(raw: string, ex: Expand): string {
  const [v, list, body] = splitArgs(raw, 3);
  const items = words(ex(list ?? ''));
  if (v === undefined || body === undefined || items.length > MAX_MATCHES) return unresolvedMarker('foreach');
  const name = ex(v).trim();
  return items.map((w) => ex(body, new Map([[name, w]]))).join(' ');
}

function wildcard(raw: string, ex: Expand, scope: FunctionScope): string {
  const { dir, files } = scope;
  if (!dir || !files) return unresolvedMarker('wildcard');
  const out: string[] = [];
  for (const pat of words(ex(raw))) {
    if (/@@BUILDCTX_UNRESOLVED_/.test(pat)) return unresolvedMarker('wildcard');
    const prefix = pat.startsWith('./') ? './' : '';
    for (const abs of files.glob(dir, pat))
      out.push(path.isAbsolute(pat) ? abs : prefix + path.relative(dir, abs).split(path.sep).join('/'));
  }
  return out.slice(0, MAX_MATCHES).join(' ');
}

/** The value of `$(name args)`, or undefined when `name` is not a function handled here. */
export function callFunction(name: string, raw: string, ex: Expand, scope: FunctionScope): string | undefined {
  if (name === 'foreach') return foreach(raw, ex);
  if (name === 'wildcard') return wildcard(raw, ex, scope);
  const simple = SIMPLE[name];
  if (!simple) return undefined;
  return simple.run(splitArgs(raw, simple.arity).map((a) => ex(a)));
}

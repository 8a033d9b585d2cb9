// Git's pattern matching (wildmatch.c with WM_PATHNAME, dir.c's basename rule) for the shapes
// the `ignore` package reads differently from git: bracket expressions (it has no `[!a]` or
// `[^a]`, no `[[:digit:]]`, no `]` as the first member) and a trailing `/**/`, which it lets match
// the directory itself; and the lines that match nothing in git. Every other line is left to the package.

const POSIX: Record<string, string> = {
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: ' \\t\\n\\r\\f\\v',
  upper: 'A-Z',
  xdigit: '0-9a-fA-F',
};

/** Whether git and the package disagree on this pattern's shape (the line without its '!'). */
export function packageMisreads(pattern: string): boolean {
  // '' (a line of '!' or '\r' alone) and '/' match nothing in git.
  return pattern.includes('[') || pattern.endsWith('/**/') || pattern === '' || pattern === '/';
}

const quote = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** The class at `at` (just past '['): its RegExp source and where it ends, or null if unclosed. */
function bracket(p: string, at: number): [string, number] | null {
  const negate = p[at] === '!' || p[at] === '^';
  let i = negate ? at + 1 : at;
  let body = '';
  for (let first = true; i < p.length; first = false) {
    const c = p[i]!;
    // With WM_PATHNAME no class matches '/', whatever it lists.
    if (c === ']' && !first) return [negate ? `[^/${body}]` : `(?!/)[${body}]`, i + 1];
    const posix = c === '[' && p[i + 1] === ':' ? /^\[:([a-z]+):\]/.exec(p.slice(i)) : null;
    if (posix) {
      const cls = POSIX[posix[1]!];
      if (cls === undefined) return null; // git rejects unknown class names: the line matches nothing
      body += cls;
      i += posix[0].length;
      continue;
    }
    const lit = c === '\\' ? p[++i] : c;
    if (lit === undefined) return null;
    i++;
    if (p[i] === '-' && p[i + 1] !== undefined && p[i + 1] !== ']') {
      const hi = p[i + 1] === '\\' ? p[i + 2] : p[i + 1];
      if (hi === undefined) return null;
      i += p[i + 1] === '\\' ? 3 : 2;
      // Git compares the start of a range on its own before the range: z-a matches 'z' alone.
      body += lit <= hi ? `${quote(lit)}-${quote(hi)}` : quote(lit);
    } else body += quote(lit);
  }
  return null;
}

/** A `**` that is a whole path segment: at the start or after '/', at the end or before '/'. */
const wholeSegment = (p: string, i: number): boolean =>
  (i === 0 || p[i - 1] === '/') && (i + 2 === p.length || p[i + 2] === '/');

/** RegExp source of a pattern (without '!', leading '/' and trailing '/'), or null if it can match nothing. */
function source(p: string): string | null {
  let re = '';
  for (let i = 0; i < p.length; ) {
    const c = p[i]!;
    if (c === '*' && p[i + 1] === '*' && wholeSegment(p, i)) {
      // '**/' at the start or '/**/' inside: any number of directories; '/**' at the end: anything inside.
      re += i + 2 === p.length ? '.*' : '(?:.*/)?';
      i += 3;
    } else if (c === '*') {
      re += '[^/]*';
      while (p[i] === '*') i++;
    } else if (c === '?') {
      re += '[^/]';
      i++;
    } else if (c === '[') {
      const b = bracket(p, i + 1);
      if (!b) return null;
      re += b[0];
      i = b[1];
    } else if (c === '\\') {
      if (i + 1 === p.length) return null; // a trailing backslash never matches
      re += quote(p[i + 1]!);
      i += 2;
    } else {
      re += quote(c);
      i++;
    }
  }
  return re;
}

/** A matcher for one gitignore line: `rel` is relative to the directory of the file holding it. */
export function wildmatcher(pattern: string): (rel: string, isDir: boolean) => boolean {
  const dirOnly = pattern.endsWith('/');
  let p = dirOnly ? pattern.slice(0, -1) : pattern;
  // No slash left: git matches the name alone, at any depth.
  const basename = !p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  const src = source(p);
  if (src === null || p === '') return () => false;
  const re = new RegExp(`^${src}$`, 's');
  return (rel, isDir) => (!dirOnly || isDir) && re.test(basename ? rel.slice(rel.lastIndexOf('/') + 1) : rel);
}

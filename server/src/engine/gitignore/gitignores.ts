// The repository's .gitignore files, read with gitignore semantics (the `ignore` package) and
// used only to ask "would git ignore this?" — never to decide what Docker sends, since the two
// syntaxes disagree on one pattern in ten (see SEMANTICS.md). Translation to a Docker pattern is
// offered only for the shapes where both mean exactly the same thing.
import * as path from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import type { DirEntry } from '../context/model';
import type { FileAccess } from '../types';

export interface GitignoreRule {
  /** The line as git reads it (trailing unescaped spaces dropped). */
  pattern: string;
  negate: boolean;
  /** 0-based line in its file. */
  line: number;
}

export interface GitignoreFile {
  abs: string;
  /**
   * Where the file's directory is, relative to the context root: '' for the root, 'sub/dir' below it,
   * or null for a file above the context (then `prefix` is the context's path from that directory).
   */
  base: string | null;
  prefix: string;
  rules: GitignoreRule[];
  negations: boolean;
  matcher: Ignore;
}

export interface GitVerdict {
  file: GitignoreFile;
  rule: GitignoreRule;
}

const posix = (p: string): string => p.split(path.sep).join('/');

function parseRules(text: string): GitignoreRule[] {
  const rules: GitignoreRule[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, line) => {
      if (raw === '' || raw.startsWith('#')) return;
      const pattern = raw.replace(/(?<!\\)\s+$/, '');
      if (pattern === '') return;
      const negate = pattern.startsWith('!');
      rules.push({ pattern: negate ? pattern.slice(1) : pattern, negate, line });
    });
  return rules;
}

function loadFile(abs: string, base: string | null, prefix: string, fs: FileAccess): GitignoreFile | null {
  const text = fs.readText(abs);
  if (text === undefined) return null;
  const rules = parseRules(text);
  // Git on Linux is case-sensitive (core.ignorecase=false); the package defaults to ignoring case.
  const matcher = ignore({ ignorecase: false }).add(text.replace(/^\uFEFF/, ''));
  return { abs, base, prefix, rules, negations: rules.some((r) => r.negate), matcher };
}

/** Gitignore files above the context, up to the repository root (the directory holding `.git`). */
function ancestorFiles(contextDir: string, fs: FileAccess): GitignoreFile[] {
  const found: GitignoreFile[] = [];
  let dir = contextDir;
  for (;;) {
    const isRepoRoot = fs.exists(path.join(dir, '.git'));
    if (dir !== contextDir) {
      const f = loadFile(path.join(dir, '.gitignore'), null, posix(path.relative(dir, contextDir)), fs);
      if (f) found.push(f);
    }
    if (isRepoRoot) {
      const exclude = loadFile(
        path.join(dir, '.git', 'info', 'exclude'),
        dir === contextDir ? '' : null,
        posix(path.relative(dir, contextDir)),
        fs,
      );
      if (exclude) found.push(exclude);
      return found;
    }
    const parent = path.dirname(dir);
    // Outside a repository, .gitignore files above the context express no rule for it.
    if (parent === dir) return [];
    dir = parent;
  }
}

/**
 * All gitignore files that apply inside a context: those above it (within its repository) and one
 * per directory of the scanned tree that holds a `.gitignore`.
 */
export class Gitignores {
  private readonly inContext = new Map<string, GitignoreFile>();
  private readonly above: GitignoreFile[];

  /** `enter` limits which directories are searched for `.gitignore` files (all but `.git` by default). */
  constructor(
    readonly contextDir: string,
    root: DirEntry,
    fs: FileAccess,
    enter: (dir: DirEntry, parent: DirEntry) => boolean = () => true,
    known?: string[],
  ) {
    this.above = ancestorFiles(contextDir, fs);
    // Callers that cached where the .gitignore files are (per scan) skip the walk of the tree.
    if (known) {
      for (const dir of known) {
        const f = loadFile(path.join(contextDir, dir, '.gitignore'), dir, '', fs);
        if (f) this.inContext.set(dir, f);
      }
      return;
    }
    // Iterative: hostile contexts nest a thousand levels deep.
    const stack: Array<[DirEntry, DirEntry | null]> = [[root, null]];
    while (stack.length > 0) {
      const [dir, parent] = stack.pop()!;
      if (parent && (dir.name === '.git' || !enter(dir, parent))) continue;
      if (dir.files.has('.gitignore')) {
        const f = loadFile(path.join(contextDir, dir.path, '.gitignore'), dir.path, '', fs);
        if (f) this.inContext.set(dir.path, f);
      }
      for (const child of dir.dirs.values()) stack.push([child, dir]);
    }
  }

  /** Directories (relative to the context) whose `.gitignore` applies; feed back as `known`. */
  get dirs(): string[] {
    return [...this.inContext.keys()];
  }

  get files(): GitignoreFile[] {
    return [...this.inContext.values(), ...this.above];
  }

  get empty(): boolean {
    return this.inContext.size === 0 && this.above.length === 0;
  }

  /**
   * Git's verdict on one entry whose parent directory git does not ignore: the deepest file with
   * an opinion decides, and within a file the last matching line. Null when git keeps the entry.
   */
  check(relPath: string, isDir: boolean): GitVerdict | null {
    const slash = relPath.lastIndexOf('/');
    for (const f of this.chain(slash < 0 ? '' : relPath.slice(0, slash))) {
      const v = this.ask(f, f.base ? relPath.slice(f.base.length + 1) : relPath, isDir);
      if (v !== undefined) return v;
    }
    for (const f of this.above) {
      const v = this.ask(f, `${f.prefix}/${relPath}`, isDir);
      if (v !== undefined) return v;
    }
    return null;
  }

  private readonly chains = new Map<string, GitignoreFile[]>();

  /** The in-context gitignore files that apply inside `dir`, deepest first. */
  private chain(dir: string): GitignoreFile[] {
    let c = this.chains.get(dir);
    if (c) return c;
    const parent = dir === '' ? [] : this.chain(dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '');
    const own = this.inContext.get(dir);
    c = own ? [own, ...parent] : parent;
    this.chains.set(dir, c);
    return c;
  }

  private ask(f: GitignoreFile, rel: string, isDir: boolean): GitVerdict | null | undefined {
    const p = isDir ? `${rel}/` : rel;
    let r: ReturnType<Ignore['checkIgnore']>;
    try {
      // Without '!' lines a file can only ignore; `ignores` answers that three times faster.
      if (!f.negations && !f.matcher.ignores(p)) return undefined;
      r = f.matcher.checkIgnore(p);
    } catch {
      return undefined; // a name the package refuses as a path
    }
    if (!r.ignored && !r.unignored) return undefined;
    if (r.unignored) return null;
    const rule = f.rules.find((x) => !x.negate && x.pattern === r.rule?.pattern) ?? {
      pattern: r.rule?.pattern ?? '',
      negate: false,
      line: 0,
    };
    return { file: f, rule };
  }

  hasNegation(): boolean {
    return this.files.some((f) => f.rules.some((r) => r.negate));
  }
}

const UNSAFE_CHARS = /[\\[\]^]/;

/**
 * The Docker pattern that excludes exactly what this gitignore rule ignores, or null when no such
 * pattern exists. Directory-only rules (`bin/`) translate too; the caller checks that no plain file
 * in the context would be caught by the dropped trailing '/'.
 */
export function toDockerPattern(
  file: Pick<GitignoreFile, 'base' | 'prefix'>,
  rule: GitignoreRule,
): { pattern: string; dirOnly: boolean } | null {
  if (rule.negate) return null;
  let p = rule.pattern;
  // Backslash escapes and bracket classes differ (Docker: regexp escapes, '^' negation); '^' is a regexp anchor there.
  if (UNSAFE_CHARS.test(p) || p.trim() !== p) return null;
  const dirOnly = p.endsWith('/');
  p = p.replace(/\/+$/, '');
  if (p === '') return null;
  const anchored = p.includes('/');
  p = p.replace(/^\//, '');
  const segs = p.split('/');
  // Docker cleans '.', '..' and empty segments away; a '**' glued to a name crosses '/' in Docker only.
  if (segs.some((s) => s === '' || s === '.' || s === '..' || (s.includes('**') && s !== '**'))) return null;
  if (file.base !== null) {
    const base = file.base;
    if (anchored) return { pattern: base ? `${base}/${p}` : p, dirOnly };
    return { pattern: base ? `${base}/**/${p}` : `**/${p}`, dirOnly };
  }
  if (!anchored) return { pattern: `**/${p}`, dirOnly };
  const pre = file.prefix.split('/');
  if (segs.length <= pre.length || pre.some((s, i) => segs[i] !== s)) return null;
  return { pattern: segs.slice(pre.length).join('/'), dirOnly };
}

/** Relative display name of a gitignore file, e.g. ".gitignore" or "web/.gitignore". */
export function gitignoreName(contextDir: string, f: GitignoreFile): string {
  return posix(path.relative(contextDir, f.abs));
}

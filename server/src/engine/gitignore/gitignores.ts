// The repository's .gitignore files, read with gitignore semantics (the `ignore` package) and
// used only to ask "would git ignore this?" — never to decide what Docker sends, since the two
// syntaxes disagree on one pattern in ten (see SEMANTICS.md). Translation to a Docker pattern is
// offered only for the shapes where both mean exactly the same thing.
import * as path from 'node:path';
import type { DirEntry } from '../context/model';
import type { FileAccess } from '../types';
import { parseRules, type GitignoreRule } from './parse';
import { findRepository, trackedPaths, type Repository } from './repository';
import { RuleSet } from './ruleSet';

export type { GitignoreRule } from './parse';

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
  matcher: RuleSet;
}

export interface GitVerdict {
  file: GitignoreFile;
  rule: GitignoreRule;
}

const posix = (p: string): string => p.split(path.sep).join('/');

function loadFile(abs: string, base: string | null, prefix: string, fs: FileAccess): GitignoreFile | null {
  const text = fs.readText(abs);
  if (text === undefined) return null;
  const rules = parseRules(text);
  const matcher = new RuleSet(rules);
  return { abs, base, prefix, rules, negations: matcher.negations, matcher };
}

/**
 * Gitignore files above the context, up to the repository root, keyed by their directory
 * relative to that root; and the repository's info/exclude.
 */
function ancestorFiles(contextDir: string, repo: Repository, fs: FileAccess) {
  const found = new Map<string, GitignoreFile>();
  for (let dir = path.dirname(contextDir); contextDir !== repo.root; dir = path.dirname(dir)) {
    const f = loadFile(path.join(dir, '.gitignore'), null, posix(path.relative(dir, contextDir)), fs);
    if (f) found.set(posix(path.relative(repo.root, dir)), f);
    if (dir === repo.root) break;
  }
  const prefix = posix(path.relative(repo.root, contextDir));
  const exclude = loadFile(path.join(repo.commonDir, 'info', 'exclude'), prefix ? null : '', prefix, fs);
  return { found, exclude };
}

/**
 * All gitignore files that apply inside a context: those above it (within its repository) and one
 * per directory of the scanned tree that holds a `.gitignore`; and, inside a repository, its index.
 */
export class Gitignores {
  /** By directory relative to the repository root (the context's root outside a repository). */
  private readonly byDir = new Map<string, GitignoreFile>();
  private readonly exclude: GitignoreFile | null = null;
  private readonly repo: Repository | null;
  /** The context's path from the repository root: '' at the root or outside a repository. */
  private readonly prefix: string = '';
  private tracked: Set<string> | undefined;
  private readonly dirVerdicts = new Map<string, GitVerdict | null>();

  /** `enter` limits which directories are searched for `.gitignore` files (all but `.git` by default). */
  constructor(
    readonly contextDir: string,
    root: DirEntry,
    private readonly fs: FileAccess,
    enter: (dir: DirEntry, parent: DirEntry) => boolean = () => true,
    known?: string[],
  ) {
    this.repo = findRepository(contextDir, fs);
    // Outside a repository, .gitignore files above the context express no rule for it.
    if (this.repo) {
      const above = ancestorFiles(contextDir, this.repo, fs);
      for (const [dir, f] of above.found) this.byDir.set(dir, f);
      this.exclude = above.exclude;
      this.prefix = posix(path.relative(this.repo.root, contextDir));
    }
    for (const dir of known ?? gitignoreDirs(root, enter)) {
      const f = loadFile(path.join(contextDir, dir, '.gitignore'), dir, '', fs);
      if (f) this.byDir.set(this.fromRoot(dir), f);
    }
  }

  private fromRoot(rel: string): string {
    return this.prefix && rel ? `${this.prefix}/${rel}` : this.prefix || rel;
  }

  /** Directories (relative to the context) whose `.gitignore` applies; feed back as `known`. */
  get dirs(): string[] {
    return this.inContext().map((f) => f.base!);
  }

  private inContext(): GitignoreFile[] {
    return [...this.byDir.values()].filter((f) => f.base !== null);
  }

  get files(): GitignoreFile[] {
    const above = [...this.byDir.values()].filter((f) => f.base === null).reverse();
    return [...this.inContext(), ...above, ...(this.exclude ? [this.exclude] : [])];
  }

  get empty(): boolean {
    return this.byDir.size === 0 && this.exclude === null;
  }

  /**
   * Git's verdict on one entry (relative to the context), null when git keeps it. A directory
   * git ignores hides all below it, whatever deeper files say; otherwise the deepest file with
   * an opinion decides, and within a file its last matching line. A path in git's index, or a
   * directory holding one, is never ignored: the caller then looks at its entries one by one.
   */
  check(relPath: string, isDir: boolean): GitVerdict | null {
    const p = this.fromRoot(relPath);
    this.tracked ??= this.repo ? trackedPaths(this.repo, this.fs) : new Set();
    if (this.tracked.has(p)) return null;
    for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) {
      const v = this.dirVerdict(p.slice(0, i));
      if (v) return v;
    }
    return isDir ? this.dirVerdict(p) : this.own(p, false);
  }

  private dirVerdict(dir: string): GitVerdict | null {
    let v = this.dirVerdicts.get(dir);
    if (v === undefined) this.dirVerdicts.set(dir, (v = this.own(dir, true)));
    return v;
  }

  /** The verdict on `p` itself (from the repository root), its parents being kept. */
  private own(p: string, isDir: boolean): GitVerdict | null {
    for (let i = p.lastIndexOf('/'); ; i = p.lastIndexOf('/', i - 1)) {
      const dir = i < 0 ? '' : p.slice(0, i);
      const f = this.byDir.get(dir);
      const v = f?.matcher.decide(i < 0 ? p : p.slice(i + 1), isDir);
      if (v) return v.ignored ? { file: f!, rule: v.rule } : null;
      if (i < 0) break;
    }
    const v = this.exclude?.matcher.decide(p, isDir);
    return v?.ignored ? { file: this.exclude!, rule: v.rule } : null;
  }

  hasNegation(): boolean {
    return this.files.some((f) => f.negations);
  }
}

/** Directories of the scanned tree holding a `.gitignore`; iterative: hostile contexts nest a thousand levels deep. */
function gitignoreDirs(root: DirEntry, enter: (dir: DirEntry, parent: DirEntry) => boolean): string[] {
  const out: string[] = [];
  const stack: Array<[DirEntry, DirEntry | null]> = [[root, null]];
  while (stack.length > 0) {
    const [dir, parent] = stack.pop()!;
    if (parent && (dir.name === '.git' || !enter(dir, parent))) continue;
    if (dir.files.has('.gitignore')) out.push(dir.path);
    for (const child of dir.dirs.values()) stack.push([child, dir]);
  }
  return out;
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

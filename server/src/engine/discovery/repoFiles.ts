// The files the walk found (Dockerfiles, build scripts, sources) as a folder tree, for the
// globs discovery must expand itself: make's `$(wildcard ...)` and a `-f` template whose
// variable no caller binds. Only found files and their folders can match, and every answer
// is capped, so a glob over a 200k-file monorepo stays one bounded walk down the tree.
import * as path from 'node:path';
import type { FileAccess } from '../types';
import type { ShellCall } from './shellWords';

/** Most paths one glob returns: enough for a real component list, small enough to stay fast. */
export const MAX_MATCHES = 64;

interface Node {
  files: string[];
  dirs: Map<string, Node>;
}

export class RepoFiles {
  private tree: Node | undefined;

  constructor(
    readonly root: string,
    private readonly paths: () => Iterable<string>,
  ) {}

  private index(): Node {
    if (this.tree) return this.tree;
    const top: Node = { files: [], dirs: new Map() };
    const under = this.root.endsWith(path.sep) ? this.root : this.root + path.sep;
    for (const p of this.paths()) {
      if (!p.startsWith(under)) continue;
      const parts = p.slice(under.length).split(path.sep);
      let node = top;
      for (const dir of parts.slice(0, -1)) {
        let next = node.dirs.get(dir);
        if (!next) node.dirs.set(dir, (next = { files: [], dirs: new Map() }));
        node = next;
      }
      node.files.push(parts[parts.length - 1] as string);
    }
    this.tree = top;
    return top;
  }

  /** Whether the walk found this file. */
  has(abs: string): boolean {
    const rel = path.relative(this.root, abs);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    const parts = rel.split(path.sep);
    let node: Node | undefined = this.index();
    for (const d of parts.slice(0, -1)) node = node?.dirs.get(d);
    return node?.files.includes(parts[parts.length - 1] as string) ?? false;
  }

  /** Absolute paths matching `pattern` (`*`, `?` and `[...]` within one segment) under `base`, sorted. */
  glob(base: string, pattern: string, filesOnly = false): string[] {
    const abs = path.resolve(base, pattern);
    const rel = path.relative(this.root, abs);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return [];
    const out: string[] = [];
    this.walk(this.index(), rel.split(path.sep), this.root, filesOnly, out);
    return out.sort();
  }

  private walk(node: Node, segs: string[], at: string, filesOnly: boolean, out: string[]): void {
    const [seg, ...rest] = segs as [string, ...string[]];
    const re = segmentRegex(seg);
    if (rest.length === 0) {
      const names = filesOnly ? node.files : [...node.files, ...node.dirs.keys()];
      for (const n of names) if (out.length < MAX_MATCHES && (re ? re.test(n) : n === seg)) out.push(path.join(at, n));
      return;
    }
    const subs = re ? [...node.dirs.keys()].filter((n) => re.test(n)) : node.dirs.has(seg) ? [seg] : [];
    for (const n of subs.sort()) {
      if (out.length >= MAX_MATCHES) return;
      this.walk(node.dirs.get(n) as Node, rest, path.join(at, n), filesOnly, out);
    }
  }
}

/** A regex for one glob segment, or undefined when it has no wildcard. */
function segmentRegex(seg: string): RegExp | undefined {
  if (!/[*?[]/.test(seg)) return undefined;
  // As in sh and make, a wildcard does not match a leading dot.
  let src = seg.startsWith('.') ? '' : '(?!\\.)';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i] as string;
    if (c === '*') src += '[^/]*';
    else if (c === '?') src += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 2);
      if (end < 0) src += '\\[';
      else {
        src += `[${seg
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else src += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${src}$`);
}

/** What discovery may glob: every file the walk found, and the Dockerfiles among them. */
/** What readers see of callers.ts' CallSink, declared here so neither file imports the other. */
export interface CallCollector {
  /** Lines that may call make with variables, or a script that builds from its arguments. */
  readonly line: RegExp;
  add(calls: ShellCall[], at: { file: string; lineOffset: number; bases: string[]; functions?: Set<string> }): void;
}

export interface RepoIndex {
  files: RepoFiles;
  dockerfiles: RepoFiles;
  /** Where readers hand calls of make or of a script that builds from its arguments (callers.ts). */
  sink?: CallCollector;
  /** A Makefile another one `include`s runs its recipes in the includer's folder: file to folder. */
  includedFrom?: Map<string, string>;
}

const INCLUDE = /^[ \t]*(?:-|s)?include[ \t]+([^#\n]+)/gm;

/** Which Makefiles other Makefiles include, and so the folder their recipes run in. */
export function makeIncludes(makefiles: string[], fs: FileAccess): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of makefiles) {
    const text = fs.readText(file);
    if (text === undefined || !/include/.test(text)) continue;
    const dir = path.dirname(file);
    for (const m of text.matchAll(INCLUDE))
      for (const word of (m[1] as string).trim().split(/\s+/)) {
        // `$(ROOT)/x.mk` needs make's variables: left to the included file's own folder.
        if (word.includes('$')) continue;
        const abs = path.resolve(dir, word);
        if (abs !== file && !out.has(abs) && fs.exists(abs)) out.set(abs, dir);
      }
  }
  return out;
}

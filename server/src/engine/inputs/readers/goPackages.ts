// The Go packages a build compiles, found the way the go command finds them: from the target
// packages through their imports, within the modules the context holds (the main module, its
// local `replace` targets and go.work's `use` directories). Build tags are not evaluated, so
// every non-test file of a package counts: a superset, never less than the build reads.
import * as path from 'node:path';
import type { FileAccess } from '../../types';
import type { DirEntry } from '../types';
import { readGoFile, readGoMod, readGoWork } from './goSource';
import { joinRel } from './types';
import { findDir } from '../../context/queries';

export interface GoModule {
  /** Context path of the module's directory. */
  dir: string;
  path: string;
}

export interface GoPackage {
  dir: string;
  files: string[];
  embeds: string[];
}

export class GoModules {
  readonly modules: GoModule[] = [];
  constructor(
    /** The context tree; null before the first scan (then the disk answers). */
    private readonly root: DirEntry | null,
    private readonly contextDir: string,
    private readonly fs: FileAccess,
  ) {}

  read(rel: string): string | undefined {
    return this.fs.readText(path.join(this.contextDir, rel));
  }

  /** Whether context folder `dir` holds `name`: the tree says, or the disk before any scan. */
  has(dir: string, name: string): boolean {
    const d = this.root ? findDir(this.root, dir) : undefined;
    return d ? d.files.has(name) : this.fs.exists(path.join(this.contextDir, dir, name));
  }

  /** The module holding context directory `dir` (nearest go.mod at or above it). */
  moduleOf(dir: string): GoModule | null {
    for (let d: string | null = dir; d !== null; d = d === '' ? null : path.posix.dirname(d).replace(/^\.$/, '')) {
      if (!this.has(d, 'go.mod')) continue;
      return this.add(d);
    }
    return null;
  }

  private add(dir: string): GoModule | null {
    const known = this.modules.find((m) => m.dir === dir);
    if (known) return known;
    const mod = readGoMod(this.read(joinRel(dir, 'go.mod')) ?? '');
    if (!mod.module) return null;
    const m = { dir, path: mod.module };
    this.modules.push(m);
    for (const [, local] of mod.replaces) this.addLocal(path.posix.join(dir, local));
    return m;
  }

  private addLocal(dir: string): void {
    const norm = path.posix.normalize(dir).replace(/^\.$/, '');
    if (!norm.startsWith('..') && this.has(norm, 'go.mod')) this.add(norm);
  }

  /** go.work above `dir` within the context, with its modules added; null without one. */
  workspace(dir: string): string | null {
    for (let d: string | null = dir; d !== null; d = d === '' ? null : path.posix.dirname(d).replace(/^\.$/, '')) {
      if (!this.has(d, 'go.work')) continue;
      for (const use of readGoWork(this.read(joinRel(d, 'go.work')) ?? '')) this.addLocal(path.posix.join(d, use));
      return d;
    }
    return null;
  }

  /** Context directory of an import path inside a known module; null for the standard library and others. */
  dirOf(importPath: string): string | null {
    let best: GoModule | null = null;
    for (const m of this.modules)
      if ((importPath === m.path || importPath.startsWith(`${m.path}/`)) && (!best || m.path.length > best.path.length))
        best = m;
    return best ? joinRel(best.dir, importPath.slice(best.path.length + 1)) : null;
  }

  /** The package in context directory `dir` (its .go files, tests only when asked). */
  load(dir: string, tests: boolean): GoPackage | null {
    const d = this.root ? findDir(this.root, dir) : undefined;
    if (!d) return null;
    const files = [...d.files.keys()].filter((n) => n.endsWith('.go') && (tests || !n.endsWith('_test.go')));
    if (files.length === 0) return null;
    return { dir, files: files.map((f) => joinRel(dir, f)), embeds: [] };
  }

  /** Package directories below `dir`, as `./...` matches them. */
  packagesUnder(dir: string): string[] {
    const out: string[] = [];
    const walk = (d: DirEntry, rel: string, top: boolean): void => {
      if (!top && (d.files.has('go.mod') || /^[._]/.test(d.name) || d.name === 'testdata' || d.name === 'vendor'))
        return;
      if ([...d.files.keys()].some((n) => n.endsWith('.go'))) out.push(rel);
      for (const c of d.dirs.values()) walk(c, joinRel(rel, c.name), false);
    };
    const start = this.root ? findDir(this.root, dir) : undefined;
    if (start) walk(start, dir, true);
    return out;
  }

  /** Every package reachable from `starts` through imports, with the embeds of each. */
  closure(starts: string[], tests: boolean): GoPackage[] {
    const seen = new Set<string>();
    const out: GoPackage[] = [];
    const queue = starts.map((dir) => ({ dir, tests }));
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (seen.has(next.dir)) continue;
      seen.add(next.dir);
      const pkg = this.load(next.dir, next.tests);
      if (!pkg) continue;
      for (const f of pkg.files) {
        const src = readGoFile(this.read(f) ?? '');
        pkg.embeds.push(...src.embeds);
        for (const imp of src.imports) {
          const dir = this.dirOf(imp);
          if (dir !== null && !seen.has(dir)) queue.push({ dir, tests: false });
        }
      }
      out.push(pkg);
    }
    return out;
  }
}

// What the build sends although git ignores it, grouped by the gitignore line that ignores it,
// with the Docker pattern that means exactly the same where one exists.
import type { ContextScan, DirEntry } from '../../context/model';
import { Gitignores, toDockerPattern, type GitignoreFile, type GitignoreRule } from '../../gitignore/gitignores';
import type { Totals } from '../../types';
import type { FileAccess } from '../types';
import { knownKind } from './heavy';
import { directMatcher } from './match';
import { isSentFile, walkDirsSteps } from './tree';
import type { TreeWork } from '../../background/treeWork';

export interface GitEntry {
  path: string;
  isDir: boolean;
  totals: Totals;
}

export interface GitGroup {
  file: GitignoreFile;
  rule: GitignoreRule;
  entries: GitEntry[];
  totals: Totals;
  /** Docker pattern excluding exactly what this rule ignores, or null when none is exact. */
  docker: string | null;
}

function addTo(groups: Map<string, GitGroup>, v: { file: GitignoreFile; rule: GitignoreRule }, e: GitEntry): void {
  const key = `${v.file.abs}\0${v.rule.line}`;
  let g = groups.get(key);
  if (!g) {
    g = { file: v.file, rule: v.rule, entries: [], totals: { files: 0, bytes: 0 }, docker: null };
    groups.set(key, g);
  }
  g.entries.push(e);
  g.totals.files += e.totals.files;
  g.totals.bytes += e.totals.bytes;
}

function fileEntries(gi: Gitignores, dir: DirEntry, groups: Map<string, GitGroup>): void {
  for (const f of dir.files.values()) {
    if (!isSentFile(f)) continue;
    const rel = dir.path ? `${dir.path}/${f.name}` : f.name;
    const v = gi.check(rel, false);
    if (v) addTo(groups, v, { path: rel, isDir: false, totals: { files: 1, bytes: f.size } });
  }
}

/**
 * A dir-only gitignore rule (`bin/`) loses its trailing '/' in Docker, where it also matches
 * files. It stays exact only if no sent file in the context is caught that way.
 */
function* dirOnlyStaysExact(scan: ContextScan, pattern: string): Generator<void, boolean> {
  const test = directMatcher(pattern, scan.builder);
  if (!test) return false;
  // Only a file named like the last segment can match; a literal one needs no matcher call per file.
  const last = pattern.slice(pattern.lastIndexOf('/') + 1);
  const literal = /[*?[\\]/.test(last) ? null : last;
  let exact = true;
  const look = (d: DirEntry): void => {
    if (literal !== null) {
      const f = d.files.get(literal);
      if (f && isSentFile(f) && test(d.path ? `${d.path}/${f.name}` : f.name)) exact = false;
      return;
    }
    for (const f of d.files.values())
      if (exact && isSentFile(f) && test(d.path ? `${d.path}/${f.name}` : f.name)) exact = false;
  };
  look(scan.root);
  yield* walkDirsSteps(
    scan.root,
    (d) => {
      if (exact) look(d);
      return exact;
    },
    false,
  );
  return exact;
}

/**
 * Sent entries that git ignores, outside heavy dependency directories (another rule's business).
 * In the language server the passes over a large tree run in the background: until they land
 * this returns undefined and the server re-checks when they do (see `TreeWork.defer`).
 */
export function gitignoredGroups(work: TreeWork, scan: ContextScan, fs: FileAccess): GitGroup[] | undefined {
  // Where the .gitignore files are depends on the tree alone: found once per scan, not per keystroke.
  const dirs = work.defer(scan, 'gitignore-dirs', '', () => gitignoreDirs(scan));
  if (!dirs) return undefined;
  const gi = new Gitignores(scan.contextDir, scan.root, fs, undefined, dirs);
  if (gi.empty) return [];
  // The gitignore texts are part of the key: editing a .gitignore must show at once.
  const key = gi.files
    .map((f) => `${f.abs}\0${f.rules.map((r) => `${r.negate ? '!' : ''}${r.pattern}`).join('\n')}`)
    .join('\0');
  return work.defer(scan, 'gitignored', key, () => groupsOf(scan, gi));
}

/** Only where something is sent outside dependency directories can a gitignore line matter here. */
const mayMatter = (d: DirEntry, parent: DirEntry): boolean => d.sent.files > 0 && !knownKind(d, parent);

/** The directories whose `.gitignore` applies, in the order `Gitignores` would find them itself. */
function* gitignoreDirs(scan: ContextScan): Generator<void, string[]> {
  const out = scan.root.files.has('.gitignore') ? [''] : [];
  yield* walkDirsSteps(
    scan.root,
    (d, parent) => {
      if (d.name === '.git' || !mayMatter(d, parent)) return false;
      if (d.files.has('.gitignore')) out.push(d.path);
      return true;
    },
    false,
  );
  return out;
}

/** A generator, so the server can run the first pass in slices; same order as `walkDirs`. */
function* groupsOf(scan: ContextScan, gi: Gitignores): Generator<void, GitGroup[]> {
  const groups = new Map<string, GitGroup>();
  fileEntries(gi, scan.root, groups);
  yield* walkDirsSteps(scan.root, (dir, parent) => {
    if (!mayMatter(dir, parent)) return false;
    const v = gi.check(dir.path, true);
    if (v) {
      addTo(groups, v, { path: dir.path, isDir: true, totals: { ...dir.sent } });
      return false;
    }
    fileEntries(gi, dir, groups);
    return true;
  });
  // A '!' anywhere in the gitignore files can carve exceptions no single Docker line reproduces.
  const negations = gi.hasNegation();
  const out = [...groups.values()];
  for (const g of out) {
    yield;
    const t = negations ? null : toDockerPattern(g.file, g.rule);
    g.docker = t && (!t.dirOnly || (yield* dirOnlyStaysExact(scan, t.pattern))) ? t.pattern : null;
  }
  return out.sort((a, b) => b.totals.bytes - a.totals.bytes || a.rule.line - b.rule.line);
}

// Which sent directories weigh a build down: generated or dependency-managed directories by
// name (with a marker where the name alone is ambiguous), and any other directory whose own
// weight crosses `settings.largeDirectory`. Shared by heavy-directory-in-context,
// missing-ignore-file and gitignored-in-context (which leaves these to the first).
import type { ContextScan, DirEntry } from '../../context/model';
import { literalPattern } from './ignoreFix';
import { sendsSomething, walkDirs } from './tree';
import { memoByScan } from './scans';

export interface HeavyDir {
  dir: DirEntry;
  /** What it is, e.g. "Go vendor directory"; null for a directory flagged by size alone. */
  kind: string | null;
}

type Probe = (dir: DirEntry, parent: DirEntry) => boolean;
const always: Probe = () => true;
const hasFile = (...names: string[]): Probe => (d) => names.some((n) => d.files.has(n) || d.dirs.has(n));
const besideFile = (...names: string[]): Probe => (_d, p) => names.some((n) => p.files.has(n));
const either = (a: Probe, b: Probe): Probe => (d, p) => a(d, p) || b(d, p);

/** Name → [what it is, how we know the name means that here]. */
const KNOWN: ReadonlyMap<string, [string, Probe]> = new Map<string, [string, Probe]>([
  // issue 3: vendor/ is Go's only with modules.txt inside or a go.mod beside it (PHP uses the name too).
  ['vendor', ['Go vendor directory', either(hasFile('modules.txt'), besideFile('go.mod'))]],
  ['node_modules', ['npm dependencies', always]],
  ['bower_components', ['Bower dependencies', always]],
  ['.git', ['Git history', always]],
  ['target', ['build output', besideFile('Cargo.toml', 'pom.xml', 'build.sbt')]],
  ['.venv', ['Python virtualenv', always]],
  ['venv', ['Python virtualenv', hasFile('pyvenv.cfg')]],
  ['__pycache__', ['Python bytecode cache', always]],
  ['.pytest_cache', ['pytest cache', always]],
  ['.mypy_cache', ['mypy cache', always]],
  ['.ruff_cache', ['ruff cache', always]],
  ['.tox', ['tox environments', always]],
  ['.terraform', ['Terraform providers and modules', always]],
  ['.gradle', ['Gradle cache', always]],
  ['.nyc_output', ['coverage output', always]],
  ['htmlcov', ['coverage output', always]],
  ['coverage', ['coverage output', hasFile('lcov.info', 'coverage-final.json', 'clover.xml', 'lcov-report', 'coverage.xml')]],
]);

export function knownKind(dir: DirEntry, parent: DirEntry): string | null {
  const k = KNOWN.get(dir.name);
  return k && k[1](dir, parent) ? k[0] : null;
}

interface Node { dir: DirEntry; parent: number; knownWithin: number; flaggedBelow: boolean }

/** Heavy directories that the build still sends, outermost known ones first, then by size. */
export function heavyDirectories(scan: ContextScan, largeDirectory: number): HeavyDir[] {
  return memoByScan(scan, 'heavy', String(largeDirectory), () => findHeavy(scan, largeDirectory));
}

function findHeavy(scan: ContextScan, largeDirectory: number): HeavyDir[] {
  const out: HeavyDir[] = [];
  const nodes: Node[] = [];
  const index = new Map<DirEntry, number>();
  walkDirs(scan.root, (dir, parent) => {
    // An excluded directory that still sends something was re-included on purpose with '!'.
    if (!sendsSomething(dir) || dir.excludedBy >= 0) return false;
    const kind = knownKind(dir, parent);
    if (kind) {
      out.push({ dir, kind });
      const p = index.get(parent);
      if (p !== undefined) nodes[p]!.knownWithin += dir.sent.bytes;
      return false;
    }
    index.set(dir, nodes.length);
    nodes.push({ dir, parent: index.get(parent) ?? -1, knownWithin: 0, flaggedBelow: false });
    return true;
  });
  // Children come after their parent in pre-order, so a reverse pass sees every child first.
  const bySize: HeavyDir[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    const own = n.dir.sent.bytes - n.knownWithin;
    const flagged = !n.flaggedBelow && own > largeDirectory;
    if (flagged) bySize.push({ dir: n.dir, kind: null });
    if (n.parent >= 0) {
      const p = nodes[n.parent]!;
      p.knownWithin += n.knownWithin;
      p.flaggedBelow ||= flagged || n.flaggedBelow;
    }
  }
  bySize.sort((a, b) => b.dir.sent.bytes - a.dir.sent.bytes);
  return out.concat(bySize);
}

/**
 * The pattern that excludes each known heavy directory: `vendor/` for one at the root (as a
 * person writes it), `**\/node_modules` when a name recurs at several places and every sent
 * directory of that name is heavy, otherwise the directory's anchored path. Size-only entries
 * get their anchored path too; a directory whose path cannot be written literally gets none.
 */
export function exclusionPatterns(heavy: HeavyDir[], scan: ContextScan): Map<DirEntry, string> {
  const byName = new Map<string, HeavyDir[]>();
  for (const h of heavy) if (h.kind) byName.set(h.dir.name, [...(byName.get(h.dir.name) ?? []), h]);
  const out = new Map<DirEntry, string>();
  for (const [name, group] of byName) {
    if (group.length > 1 && everyNamedDirIsHeavy(scan.root, name, group)) {
      for (const h of group) out.set(h.dir, `**/${name}`);
    }
  }
  for (const h of heavy) {
    if (out.has(h.dir)) continue;
    const lit = literalPattern(h.dir.path);
    if (lit !== null) out.set(h.dir, `${lit}/`);
  }
  return out;
}

function everyNamedDirIsHeavy(root: DirEntry, name: string, group: HeavyDir[]): boolean {
  const heavy = new Set(group.map((h) => h.dir));
  let ok = literalPattern(name) !== null;
  walkDirs(root, (dir) => {
    if (!ok) return false;
    if (dir.name === name) { if (!heavy.has(dir) && sendsSomething(dir)) ok = false; return false; }
    return sendsSomething(dir);
  }, false);
  return ok;
}

// Which sent directories weigh a build down: generated or dependency-managed directories by
// name (with a marker where the name alone is ambiguous), and any other directory whose own
// weight crosses `settings.largeDirectory`. Shared by heavy-directory-in-context,
// missing-ignore-file and gitignored-in-context (which leaves these to the first).
import type { ContextScan, DirEntry } from '../../context/model';
import { literalPattern } from './ignoreFix';
import { ENTRIES_PER_STEP, sendsSomething, walkDirsSteps } from './tree';
import type { TreeWork } from '../../background/treeWork';

export interface HeavyDir {
  dir: DirEntry;
  /** What it is, e.g. "Go vendor directory"; null for a directory flagged by size alone. */
  kind: string | null;
  /** The pattern that excludes it (see `exclusionPatterns`), null when its path cannot be written. */
  pattern: string | null;
}

type Probe = (dir: DirEntry, parent: DirEntry) => boolean;
const always: Probe = () => true;
const hasFile =
  (...names: string[]): Probe =>
  (d) =>
    names.some((n) => d.files.has(n) || d.dirs.has(n));
const besideFile =
  (...names: string[]): Probe =>
  (_d, p) =>
    names.some((n) => p.files.has(n));
const either =
  (a: Probe, b: Probe): Probe =>
  (d, p) =>
    a(d, p) || b(d, p);

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
  [
    'coverage',
    ['coverage output', hasFile('lcov.info', 'coverage-final.json', 'clover.xml', 'lcov-report', 'coverage.xml')],
  ],
]);

export function knownKind(dir: DirEntry, parent: DirEntry): string | null {
  const k = KNOWN.get(dir.name);
  return k?.[1](dir, parent) ? k[0] : null;
}

interface Node {
  dir: DirEntry;
  parent: number;
  knownWithin: number;
  flaggedBelow: boolean;
}

/**
 * Heavy directories that the build still sends, outermost known ones first, then by size, each
 * with the pattern that excludes it. Undefined while the language server computes them in the
 * background (see `TreeWork.defer`).
 */
export function heavyDirectories(work: TreeWork, scan: ContextScan, largeDirectory: number): HeavyDir[] | undefined {
  return work.defer(scan, 'heavy', String(largeDirectory), () => findHeavy(scan, largeDirectory));
}

function* findHeavy(scan: ContextScan, largeDirectory: number): Generator<void, HeavyDir[]> {
  const known: Array<{ dir: DirEntry; kind: string }> = [];
  const nodes: Node[] = [];
  const index = new Map<DirEntry, number>();
  yield* walkDirsSteps(scan.root, (dir, parent) => {
    // An excluded directory that still sends something was re-included on purpose with '!'.
    if (!sendsSomething(dir) || dir.excludedBy >= 0) return false;
    const kind = knownKind(dir, parent);
    if (kind) {
      known.push({ dir, kind });
      const p = index.get(parent);
      if (p !== undefined) nodes[p]!.knownWithin += dir.sent.bytes;
      return false;
    }
    index.set(dir, nodes.length);
    nodes.push({ dir, parent: index.get(parent) ?? -1, knownWithin: 0, flaggedBelow: false });
    return true;
  });
  const bySize = yield* flaggedBySize(nodes, largeDirectory);
  const patterns = yield* exclusionPatterns(known, scan);
  return [...known, ...bySize].map(({ dir, kind }) => ({ dir, kind, pattern: patterns.get(dir) ?? anchored(dir) }));
}

function anchored(dir: DirEntry): string | null {
  const lit = literalPattern(dir.path);
  return lit === null ? null : `${lit}/`;
}

/** Directories over the threshold by their own weight (known heavy ones below taken out), innermost only. */
function* flaggedBySize(nodes: Node[], largeDirectory: number): Generator<void, Array<{ dir: DirEntry; kind: null }>> {
  const out: Array<{ dir: DirEntry; kind: null }> = [];
  // Children come after their parent in pre-order, so a reverse pass sees every child first.
  for (let i = nodes.length - 1; i >= 0; i--) {
    if (i % ENTRIES_PER_STEP === 0) yield;
    const n = nodes[i]!;
    const own = n.dir.sent.bytes - n.knownWithin;
    const flagged = !n.flaggedBelow && own > largeDirectory;
    if (flagged) out.push({ dir: n.dir, kind: null });
    if (n.parent >= 0) {
      const p = nodes[n.parent]!;
      p.knownWithin += n.knownWithin;
      p.flaggedBelow ||= flagged || n.flaggedBelow;
    }
  }
  return out.sort((a, b) => b.dir.sent.bytes - a.dir.sent.bytes);
}

/**
 * `**\/node_modules` for the known directories of a name that recurs at several places when
 * every sent directory of that name is heavy; the others take their anchored path (`vendor/`
 * at the root, as a person writes it), and one whose path cannot be written literally, none.
 */
function* exclusionPatterns(
  known: Array<{ dir: DirEntry }>,
  scan: ContextScan,
): Generator<void, Map<DirEntry, string>> {
  const byName = new Map<string, DirEntry[]>();
  for (const { dir } of known) byName.set(dir.name, [...(byName.get(dir.name) ?? []), dir]);
  const out = new Map<DirEntry, string>();
  for (const [name, group] of byName) {
    if (group.length > 1 && (yield* everyNamedDirIsHeavy(scan.root, name, group))) {
      for (const dir of group) out.set(dir, `**/${name}`);
    }
  }
  return out;
}

function* everyNamedDirIsHeavy(root: DirEntry, name: string, group: DirEntry[]): Generator<void, boolean> {
  const heavy = new Set(group);
  let ok = literalPattern(name) !== null;
  yield* walkDirsSteps(
    root,
    (dir) => {
      if (!ok) return false;
      if (dir.name === name) {
        if (!heavy.has(dir) && sendsSomething(dir)) ok = false;
        return false;
      }
      return sendsSomething(dir);
    },
    false,
  );
  return ok;
}

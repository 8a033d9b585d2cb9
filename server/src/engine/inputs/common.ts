// Folders no build step needs whatever the ecosystem: version-control metadata (unless a step
// runs git), editor and OS state, and tool caches that are recreated on demand.
import type { Layout } from './layout';
import { findDir } from '../context/queries';
import type { DirEntry, NotNeeded } from './types';
import { joinRel } from './readers/types';

const ALWAYS: ReadonlyMap<string, string> = new Map([
  ['.idea', 'editor state'],
  ['.vscode', 'editor settings'],
  ['.cursor', 'editor state'],
  ['__pycache__', 'Python bytecode cache: recreated on import'],
  ['.pytest_cache', 'pytest cache'],
  ['.mypy_cache', 'mypy cache'],
  ['.ruff_cache', 'ruff cache'],
  ['.tox', 'tox environments'],
  ['.nyc_output', 'coverage output'],
  ['htmlcov', 'coverage output'],
  ['.terraform', 'Terraform providers and modules: `terraform init` fetches them'],
  ['.gradle', 'Gradle cache: recreated by the build'],
]);

const COVERAGE_MARKERS = ['lcov.info', 'coverage-final.json', 'clover.xml', 'lcov-report', 'coverage.xml'];

/** The first RUN that runs git (`git rev-parse` for a version stamp, `make` recipes aside). */
export const gitRun = (layout: Layout): number | null =>
  layout.runs.find((r) => r.commands.some((c) => c.args.some((a) => a.value === 'git' || a.value === 'git-lfs')))
    ?.line ?? null;

/** Subcommands that read the repository they run in (a version stamp, a refreshed index). */
const READS_REPO = new Set(
  'rev-parse describe log status update-index diff show rev-list symbolic-ref name-rev ls-files submodule lfs'.split(
    ' ',
  ),
);

/** The first RUN whose `git <subcommand>` reads the repository (not `git clone` of another one). */
export const gitReadsRepo = (layout: Layout): number | null =>
  layout.runs.find((r) =>
    r.commands.some((c) => c.args.some((a, i) => a.value === 'git' && READS_REPO.has(c.args[i + 1]?.value ?? ''))),
  )?.line ?? null;

/** Such folders at any depth below `from`. */
export function commonNotNeeded(root: DirEntry, from: string, layout: Layout): NotNeeded[] {
  const out: NotNeeded[] = [];
  const git = gitRun(layout) !== null;
  const walk = (d: DirEntry, rel: string): void => {
    for (const c of d.dirs.values()) {
      const p = joinRel(rel, c.name);
      const why =
        c.name === '.git'
          ? git
            ? undefined
            : 'Git history: no step runs git'
          : c.name === 'coverage' && COVERAGE_MARKERS.some((m) => c.files.has(m) || c.dirs.has(m))
            ? 'coverage output'
            : ALWAYS.get(c.name);
      if (why) out.push({ path: p, reason: why });
      else if (c.name !== 'node_modules') walk(c, p);
    }
  };
  const start = findDir(root, from);
  if (start) walk(start, from);
  return out;
}

// Ignore-file lines that guard what a fresh clone lacks and a working copy soon has: build
// output, dependency folders, caches, editor and OS litter, local env files, logs. They match
// nothing on a clean checkout and exist exactly for when they will (issue 14): reporting them
// as dead is false. So is any line the repository's .gitignore also holds.
import * as path from 'node:path';
import type { FileAccess } from '../../types';

const NAMES = new Set(
  (
    'node_modules bower_components jspm_packages vendor dist build out output target bin obj lib-cov ' +
    '__pycache__ .venv venv env .tox .pytest_cache .mypy_cache .ruff_cache .hypothesis .eggs .gradle .m2 ' +
    '.cache .parcel-cache .next .nuxt .svelte-kit .turbo .expo .expo-shared android ios Pods DerivedData ' +
    'coverage .nyc_output htmlcov .coverage tmp temp .tmp logs log .idea .vscode .vs .fleet .cursor ' +
    '.DS_Store Thumbs.db desktop.ini .git .svn .hg .terraform .serverless .docker .dockerignore ' +
    'npm-debug.log yarn-error.log .pnpm-store .yarn .npm .eslintcache .stylelintcache ' +
    // Runtime data and local agent state: what a running service or an assistant writes.
    'data .data storage .storage default.etcd .tarballs .claude .aider .continue .windsurf'
  ).split(' '),
);

const GLOBS = [
  /^\*\.(pyc|pyo|pyd|swp|swo|swn|log|tmp|temp|bak|orig|rej|class|o|obj|so|dylib|dll|exe|test|out|prof|pid|seed|tsbuildinfo|lcov|iml)$/,
  /^\*~$/,
  // Release archives and local databases: produced by builds and runs, never committed.
  /^\*\.(tar|tar\.gz|tgz|zip|gz|bz2|bzip2|xz|zst|7z|rar|sqlite3?|db|etcd)$/,
  /^\.data-\*$/,
  /^[\w.-]*-(storage|data)$/,
  /^\.env(\..*)?$/,
  /^\.?coverage\b/,
  /^(npm|yarn|pnpm)-debug/,
];

/** The line as a name to compare: leading `/`, `**` and `./` and a trailing `/` or `/**` dropped. */
export function guardKey(pattern: string): string {
  return pattern
    .trim()
    .replace(/^(\*\*\/|\/|\.\/)+/, '')
    .replace(/(\/\*\*|\/)+$/, '');
}

export function isGuardPattern(pattern: string): boolean {
  const key = guardKey(pattern);
  const last = key.slice(key.lastIndexOf('/') + 1);
  return NAMES.has(last) || GLOBS.some((re) => re.test(last));
}

/** Keys of the lines of the .gitignore files at `dirs` (the context and the repository root). */
export function gitignoreKeys(dirs: string[], fs: FileAccess): Set<string> {
  const out = new Set<string>();
  for (const dir of new Set(dirs)) {
    const text = fs.readText(path.join(dir, '.gitignore'));
    for (const line of text?.split(/\r?\n/) ?? [])
      if (line.trim() !== '' && !line.startsWith('#') && !line.startsWith('!')) out.add(guardKey(line));
  }
  return out;
}

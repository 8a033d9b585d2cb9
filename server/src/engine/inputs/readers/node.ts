// Node: manifests and lockfiles the package manager reads, the TypeScript and package-manager
// configuration, and the env files that front-end frameworks inline at build time (Vite,
// Next.js, Expo, Create React App, Nuxt read `.env*` from the project root during the build).
import type { Ecosystem } from './ecosystem';

const LOCKS = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'bun.lock',
]);
const CONFIG = new Set(['.npmrc', '.yarnrc', '.yarnrc.yml', 'pnpm-workspace.yaml', '.nvmrc', '.node-version']);
const FRAMEWORKS =
  /"(vite|next|expo|react-scripts|nuxt|@angular\/core|astro|gatsby|@remix-run\/[\w-]+|@sveltejs\/kit)"\s*:/;
const ENV_FILES = new Set(['.env', '.env.local', '.env.production', '.env.production.local', '.env.build']);

export const node: Ecosystem = {
  name: 'Node',
  marker: (n) => n === 'package.json',
  manifests: [
    [(n) => n === 'package.json', 'the package manager and the build read package.json', true],
    [(n) => LOCKS.has(n), 'the install reads the lockfile', true],
    [(n) => CONFIG.has(n), 'package-manager configuration the install reads'],
    [(n) => /^tsconfig.*\.json$/.test(n), 'the TypeScript build reads it'],
    [(n) => ENV_FILES.has(n), 'an env file a front-end build may inline'],
  ],
  // A framework that inlines env files at build time reads them for sure where it builds.
  named: (project, read) => {
    const pkg = read(`${project ? `${project}/` : ''}package.json`) ?? '';
    if (!FRAMEWORKS.test(pkg)) return [];
    return [...ENV_FILES]
      .filter((f) => read(`${project ? `${project}/` : ''}${f}`) !== undefined)
      .map((f): [string, string, boolean] => [
        f,
        'build-time env file: Vite, Next.js, Expo, CRA and Nuxt inline its public values',
        true,
      ]);
  },
  tools: /^(npm|npx|yarn|pnpm|bun|node|corepack)\b/,
  compiled: [['.yarn', 'Yarn reads its release and plugins from .yarn/']],
  regenerated: [['**/node_modules', 'npm dependencies: the install step recreates node_modules']],
};

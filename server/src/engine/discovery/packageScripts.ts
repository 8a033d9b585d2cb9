// npm `package.json` scripts that build images (issue 15): `npm run build-docker` runs its
// script with sh in the package's folder, so the script is read as shell with that folder as
// the working directory. Other package managers (pnpm, yarn) run scripts the same way.
import * as path from 'node:path';
import type { FileAccess } from '../types';
import { MAY_BUILD } from './scripts';
import { scanShell } from './shellWords';
import { buildsFromCalls, type FoundBuild } from './sites';

// Required on the first package.json that may build, not at load (see workflows.ts). JSON is
// YAML, and the YAML parser gives each script's line.
const yaml = (): typeof import('yaml') => require('yaml') as typeof import('yaml');

/** Cheap pre-check: most package.json files never mention a container tool. */
const MAY_BUILD_IMAGE = /\b(docker|podman|buildah)\b/;

export function packageScriptBuilds(file: string, text: string, root: string, fs: FileAccess): FoundBuild[] {
  if (!MAY_BUILD.test(text) || !MAY_BUILD_IMAGE.test(text)) return [];
  const lines = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  if (doc.errors.length > 0) return [];
  const scripts = doc.get('scripts', true);
  if (!yaml().isMap(scripts)) return [];
  const dir = path.dirname(file);
  const out: FoundBuild[] = [];
  for (const pair of scripts.items) {
    const v = pair.value;
    if (!yaml().isScalar(v) || typeof v.value !== 'string' || !MAY_BUILD.test(v.value)) continue;
    const calls = scanShell(v.value, { cwd: dir });
    if (!calls) continue;
    const lineOffset = lines.linePos(v.range?.[0] ?? 0).line;
    out.push(...buildsFromCalls(calls, { file, lineOffset, source: 'script', root, fs }, [dir]));
  }
  return out;
}

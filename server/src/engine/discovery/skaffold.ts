// skaffold.yaml: each artifact of `build.artifacts` (in every document of the file and every
// profile) is built with its `context`, relative to the skaffold file's folder (default `.`),
// and the Dockerfile its `docker` (or `kaniko`) builder names, relative to the context
// (default `Dockerfile`), as skaffold's schema documents them. Artifacts built by jib, ko,
// bazel, buildpacks or a custom script use no Dockerfile. Other configs a file `requires` are
// found by the walk as files of their own.
import * as path from 'node:path';
import type { LineCounter, YAMLMap } from 'yaml';
import type { FileAccess } from '../types';
import { isRemoteContext } from './resolve';
import type { FoundBuild } from './sites';
import { documents, lineOf, str, yaml } from './yamlNodes';

const OTHER_BUILDERS = ['jib', 'ko', 'bazel', 'buildpacks', 'buildpack', 'custom'];

function buildArgs(node: unknown): string[] {
  if (!yaml().isMap(node)) return [];
  return node.items.flatMap((p) => {
    const k = str(p.key);
    if (k === undefined) return [];
    const v = str(p.value);
    return [v === undefined ? k : `${k}=${v}`];
  });
}

function artifactBuild(a: YAMLMap, file: string, lines: LineCounter, fs: FileAccess): FoundBuild | undefined {
  if (OTHER_BUILDERS.some((b) => a.has(b))) return undefined;
  const spec = yaml().isMap(a.get('docker', true)) ? a.get('docker', true) : a.get('kaniko', true);
  const opts = yaml().isMap(spec) ? spec : undefined;
  const ctx = str(a.get('context', true)) ?? '.';
  const df = str(opts?.get('dockerfile', true)) ?? 'Dockerfile';
  // Skaffold templates only some fields; a path that uses one is known only when it runs.
  if (/\{\{/.test(ctx + df) || isRemoteContext(ctx)) return undefined;
  const contextDir = path.resolve(path.dirname(file), ctx);
  const dockerfile = path.resolve(contextDir, df);
  if (!fs.exists(dockerfile)) return undefined;
  const out: FoundBuild = {
    source: 'definition',
    file,
    line: lineOf(a, lines),
    tool: 'skaffold',
    dockerfile,
    contextDir,
    noCache: str(opts?.get('noCache', true)) === 'true',
    isSite: true,
  };
  const image = str(a.get('image', true));
  if (image !== undefined) out.tag = image;
  const target = str(opts?.get('target', true));
  if (target !== undefined) out.target = target;
  const args = buildArgs(opts?.get('buildArgs', true));
  if (args.length > 0) out.buildArgs = args.sort();
  return out;
}

const key = (b: FoundBuild): string =>
  [b.dockerfile, b.contextDir, b.target ?? '', (b.buildArgs ?? []).join('\n')].join('\0');

export function skaffoldBuilds(file: string, text: string, fs: FileAccess): FoundBuild[] {
  const { docs, lines } = documents(text);
  const out: FoundBuild[] = [];
  // A profile that repeats an artifact of the base config is the same build, not a second one.
  const seen = new Set<string>();
  for (const doc of docs) {
    const lists: unknown[] = [doc.getIn(['build', 'artifacts'], true)];
    const profiles = doc.get('profiles', true);
    if (yaml().isSeq(profiles))
      for (const p of profiles.items) if (yaml().isMap(p)) lists.push(p.getIn(['build', 'artifacts'], true));
    for (const list of lists) {
      if (!yaml().isSeq(list)) continue;
      for (const a of list.items) {
        const b = yaml().isMap(a) ? artifactBuild(a, file, lines, fs) : undefined;
        if (!b || seen.has(key(b))) continue;
        seen.add(key(b));
        out.push(b);
      }
    }
  }
  return out;
}

// Tekton pipelines that build with the catalog's buildah or kaniko task (or Konflux's): the
// task's `DOCKERFILE` and `CONTEXT` params, or the pipeline's own `dockerfile` and
// `path-context`, when a PipelineRun, TaskRun or Pipeline gives them as values. `$(params.x)`
// in a task's params takes the pipeline's value; anything else known only at run time is
// skipped. The workspace is a checkout of the repository: the context is taken from its root,
// the Dockerfile from the context (Konflux) or else from the root (the catalog task's working
// directory). A Task's own defaults are a template, not a build.
import * as path from 'node:path';
import type { LineCounter, YAMLMap } from 'yaml';
import type { FileAccess } from '../types';
import type { FoundBuild } from './sites';
import { lineOf, str, yaml } from './yamlNodes';

const CONTEXT = /^((path|build)[-_])?context$/i;
const DOCKERFILE = /^(docker|container)file([-_]path)?$/i;

type Params = Map<string, { value: string; line: number }>;

function params(node: unknown, key: 'value' | 'default', lines: LineCounter): Params {
  const out: Params = new Map();
  if (!yaml().isSeq(node)) return out;
  for (const p of node.items) {
    if (!yaml().isMap(p)) continue;
    const name = str(p.get('name', true));
    const value = str(p.get(key, true));
    if (name !== undefined && value !== undefined) out.set(name, { value, line: lineOf(p, lines) });
  }
  return out;
}

/** A task's params with `$(params.x)` replaced by the pipeline's values (unknown ones left in). */
function substituted(own: Params, pipeline: Params): Params {
  const out: Params = new Map();
  for (const [name, p] of own) {
    const m = /^\$\(params(?:\.([\w-]+)|\[["']([\w.-]+)["']\])\)$/.exec(p.value.trim());
    const from = m ? pipeline.get((m[1] ?? m[2]) as string) : undefined;
    out.set(name, from ?? p);
  }
  return out;
}

interface At {
  file: string;
  lines: LineCounter;
  root: string;
  fs: FileAccess;
}

function fromParams(set: Params, builder: 'podman' | undefined, at: At): FoundBuild | undefined {
  const ctx = [...set].find(([n]) => CONTEXT.test(n))?.[1];
  const df = [...set].find(([n]) => DOCKERFILE.test(n))?.[1];
  if (!ctx && !df) return undefined;
  const [c, d] = [ctx?.value ?? '.', df?.value ?? 'Dockerfile'];
  if (/\$\(|\{\{|:\/\//.test(c + d)) return undefined;
  const contextDir = path.resolve(at.root, c);
  const dockerfile = [path.resolve(contextDir, d), path.resolve(at.root, d)].find((f) => at.fs.exists(f));
  if (!dockerfile) return undefined;
  const line = Math.min(ctx?.line ?? Number.MAX_SAFE_INTEGER, df?.line ?? Number.MAX_SAFE_INTEGER);
  const out: FoundBuild = {
    source: 'definition',
    file: at.file,
    line,
    tool: 'tekton',
    dockerfile,
    contextDir,
    noCache: false,
    isSite: true,
  };
  if (builder) out.builder = builder;
  return out;
}

function tasksOf(pipeline: YAMLMap | undefined): YAMLMap[] {
  const lists = [pipeline?.get('tasks', true), pipeline?.get('finally', true)];
  return lists.flatMap((l) => (yaml().isSeq(l) ? l.items.filter((t): t is YAMLMap => yaml().isMap(t)) : []));
}

/** The builds of one Tekton object (a PipelineRun, TaskRun or Pipeline). */
export function tektonBuilds(obj: YAMLMap, text: string, at: At): FoundBuild[] {
  const kind = str(obj.get('kind', true));
  const spec = obj.get('spec', true);
  if (!yaml().isMap(spec) || !['PipelineRun', 'TaskRun', 'Pipeline'].includes(kind ?? '')) return [];
  const specOf = kind === 'PipelineRun' ? spec.get('pipelineSpec', true) : spec;
  const pipeline = kind !== 'TaskRun' && yaml().isMap(specOf) ? specOf : undefined;
  const run = kind === 'Pipeline' ? new Map() : params(spec.get('params', true), 'value', at.lines);
  // What the run gives wins over the pipeline's defaults.
  const effective: Params = new Map([...params(pipeline?.get('params', true), 'default', at.lines), ...run]);
  const taskSets = tasksOf(pipeline).map((t) =>
    substituted(params(t.get('params', true), 'value', at.lines), effective),
  );
  const range = obj.range ?? [0, text.length];
  const builder = /buildah/.test(text.slice(range[0], range[1])) ? 'podman' : undefined;
  const out: FoundBuild[] = [];
  for (const set of [effective, ...taskSets]) {
    const b = fromParams(set, builder, at);
    if (b && !out.some((o) => o.dockerfile === b.dockerfile && o.contextDir === b.contextDir)) out.push(b);
  }
  return out;
}

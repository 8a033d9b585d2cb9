// Kubernetes-style YAML that defines builds: OpenShift BuildConfigs (alone, in a List or in a
// Template, whose `${PARAM}` take the template's parameter values) and Tekton pipelines. Any
// YAML file may hold one, so a file is parsed only when its text names one.
import * as path from 'node:path';
import type { LineCounter, YAMLMap } from 'yaml';
import type { FileAccess } from '../types';
import type { FoundBuild } from './sites';
import { tektonBuilds } from './tekton';
import { documents, lineOf, str, yaml } from './yamlNodes';

export const MANIFEST_MARKER = /\bkind:\s*["']?BuildConfig\b|\btekton\.dev\//;

interface At {
  file: string;
  lines: LineCounter;
  root: string;
  fs: FileAccess;
}

/** `${NAME}` and `${{NAME}}` from a template's parameters; undefined when one has no value. */
function fill(value: string, parameters: Map<string, string>): string | undefined {
  let unknown = false;
  const out = value.replace(/\$\{\{?(\w+)\}?\}/g, (_m, name: string) => {
    const v = parameters.get(name);
    if (v === undefined) unknown = true;
    return v ?? '';
  });
  return unknown ? undefined : out;
}

/** A Docker-strategy BuildConfig: `contextDir` from the repository root, `dockerfilePath` from it. */
function buildConfig(obj: YAMLMap, parameters: Map<string, string>, at: At): FoundBuild | undefined {
  const strategy = obj.getIn(['spec', 'strategy'], true);
  if (!yaml().isMap(strategy)) return undefined;
  const docker = strategy.get('dockerStrategy', true);
  if (!yaml().isMap(docker) && str(strategy.get('type', true)) !== 'Docker') return undefined;
  const opts = yaml().isMap(docker) ? docker : undefined;
  const ctx = fill(str(obj.getIn(['spec', 'source', 'contextDir'], true)) ?? '', parameters);
  const df = fill(str(opts?.get('dockerfilePath', true)) ?? 'Dockerfile', parameters);
  if (ctx === undefined || df === undefined) return undefined;
  const contextDir = path.resolve(at.root, ctx.replace(/^\/+/, ''));
  const dockerfile = path.resolve(contextDir, df);
  if (!at.fs.exists(dockerfile)) return undefined;
  // OpenShift 4 runs Docker-strategy builds with buildah.
  const out: FoundBuild = {
    source: 'definition',
    file: at.file,
    line: lineOf(obj, at.lines),
    tool: 'openshift',
    builder: 'podman',
    dockerfile,
    contextDir,
    noCache: str(opts?.get('noCache', true)) === 'true',
    isSite: true,
  };
  const args = opts?.get('buildArgs', true);
  if (yaml().isSeq(args)) {
    const list = args.items.flatMap((a) => {
      const name = yaml().isMap(a) ? str(a.get('name', true)) : undefined;
      return name === undefined ? [] : [`${name}=${str((a as YAMLMap).get('value', true)) ?? ''}`];
    });
    if (list.length > 0) out.buildArgs = list.sort();
  }
  return out;
}

/** The objects of a document: itself, or the items of a List or the objects of a Template. */
function objects(node: unknown): { list: YAMLMap[]; parameters: Map<string, string> } {
  const parameters = new Map<string, string>();
  if (!yaml().isMap(node)) return { list: [], parameters };
  const kind = str(node.get('kind', true));
  const inner = kind === 'Template' ? node.get('objects', true) : kind === 'List' ? node.get('items', true) : undefined;
  if (!yaml().isSeq(inner)) return { list: [node], parameters };
  const declared = node.get('parameters', true);
  for (const p of yaml().isSeq(declared) ? declared.items : []) {
    const name = yaml().isMap(p) ? str(p.get('name', true)) : undefined;
    const value = yaml().isMap(p) ? str(p.get('value', true)) : undefined;
    if (name !== undefined && value !== undefined) parameters.set(name, value);
  }
  return { list: inner.items.filter((o): o is YAMLMap => yaml().isMap(o)), parameters };
}

export function manifestBuilds(file: string, text: string, root: string, fs: FileAccess): FoundBuild[] {
  if (!MANIFEST_MARKER.test(text)) return [];
  const { docs, lines } = documents(text);
  const at: At = { file, lines, root, fs };
  const out: FoundBuild[] = [];
  for (const doc of docs) {
    const { list, parameters } = objects(doc.contents);
    for (const obj of list) {
      if (str(obj.get('kind', true)) === 'BuildConfig') {
        const b = buildConfig(obj, parameters, at);
        if (b) out.push(b);
      } else if (str(obj.get('apiVersion', true))?.startsWith('tekton.dev/')) out.push(...tektonBuilds(obj, text, at));
    }
  }
  return out;
}

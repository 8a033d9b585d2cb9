// GoReleaser's `dockers:` and `dockers_v2:` (issue 15). `dockerfile` is a path from the project
// root (the config's folder), `Dockerfile` by default, and may be a template: `{{ .Var.name }}`
// of the file's own `variables:` is resolved, any other template (`.Env`, `.Tag`) is skipped.
// GoReleaser builds in a temporary folder it fills with the built binaries and `extra_files`,
// so the context is no folder of the repository: the builds say so (`temporaryContext`).
import * as path from 'node:path';
import type { Document, LineCounter, YAMLMap } from 'yaml';
import type { FileAccess } from '../types';
import type { FoundBuild } from './sites';
import { isDockerfileName } from './walk';

// Required on the first GoReleaser file, not at load (see workflows.ts).
const yaml = (): typeof import('yaml') => require('yaml') as typeof import('yaml');

interface Variable {
  value: string;
  line: number;
}

const VAR_REF = /\{\{-?\s*\.Var\.(\w+)\s*-?\}\}/g;

function variablesOf(doc: Document, lines: LineCounter): Map<string, Variable> {
  const out = new Map<string, Variable>();
  const vars = doc.get('variables', true);
  if (!yaml().isMap(vars)) return out;
  for (const pair of vars.items) {
    if (!yaml().isScalar(pair.key) || !yaml().isScalar(pair.value) || typeof pair.value.value !== 'string') continue;
    out.set(String(pair.key.value), {
      value: pair.value.value,
      line: lines.linePos(pair.value.range?.[0] ?? 0).line,
    });
  }
  return out;
}

/** The path with `{{ .Var.x }}` replaced, or undefined when any template stays unknown. */
function expand(text: string, vars: Map<string, Variable>, used: string[]): string | undefined {
  let unknown = false;
  const out = text.replace(VAR_REF, (_, name: string) => {
    const v = vars.get(name);
    if (!v || v.value.includes('{{')) unknown = true;
    else used.push(name);
    return v?.value ?? '';
  });
  return unknown || out.includes('{{') ? undefined : out.trim();
}

interface Ctx {
  file: string;
  dir: string;
  fs: FileAccess;
  lines: LineCounter;
  vars: Map<string, Variable>;
  used: Set<string>;
}

function build(ctx: Ctx, line: number, dockerfile: string, tool: FoundBuild['tool']): FoundBuild {
  return {
    source: 'ci',
    file: ctx.file,
    line,
    tool,
    dockerfile,
    contextDir: path.dirname(dockerfile),
    noCache: false,
    // A site's context would be the placeholder: nothing to compare with other builds.
    isSite: false,
    temporaryContext: 'goreleaser',
  };
}

function entryBuild(entry: YAMLMap, ctx: Ctx, tool: FoundBuild['tool']): FoundBuild | undefined {
  const node = entry.get('dockerfile', true);
  const written = yaml().isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
  if (node !== undefined && written === undefined) return undefined;
  const names: string[] = [];
  const rel = written === undefined ? 'Dockerfile' : expand(written, ctx.vars, names);
  if (!rel) return undefined;
  const dockerfile = path.resolve(ctx.dir, rel);
  if (!ctx.fs.exists(dockerfile)) return undefined;
  const at = (yaml().isNode(node) ? node.range?.[0] : undefined) ?? entry.range?.[0] ?? 0;
  const b = build(ctx, ctx.lines.linePos(at).line, dockerfile, tool);
  if (written === undefined) b.note = 'the default Dockerfile';
  for (const n of names) ctx.used.add(n);
  const via = names.map((n) => ({
    label: `${n}=${ctx.vars.get(n)?.value} from`,
    file: ctx.file,
    line: ctx.vars.get(n)?.line ?? 0,
  }));
  if (via.length > 0) b.via = via;
  return b;
}

/**
 * A variable naming an existing Dockerfile that no `dockers:` here uses: kratos sets them for
 * the `dockers:` of a remote include, which is the only place GoReleaser reads them.
 */
function variableBuilds(ctx: Ctx): FoundBuild[] {
  const out: FoundBuild[] = [];
  for (const [name, v] of ctx.vars) {
    if (ctx.used.has(name) || v.value.includes('{{') || !isDockerfileName(path.basename(v.value))) continue;
    const dockerfile = path.resolve(ctx.dir, v.value);
    if (!ctx.fs.exists(dockerfile)) continue;
    const b = build(ctx, v.line, dockerfile, 'docker');
    b.note = `goreleaser variable ${name}; no dockers: here use it`;
    out.push(b);
  }
  return out;
}

export function goreleaserBuilds(file: string, text: string, fs: FileAccess): FoundBuild[] {
  if (!/\bdockers(_v2)?\s*:|\bvariables\s*:/.test(text)) return [];
  const lines = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  if (doc.errors.length > 0) return [];
  const ctx: Ctx = { file, dir: path.dirname(file), fs, lines, vars: variablesOf(doc, lines), used: new Set() };
  const out: FoundBuild[] = [];
  for (const [key, tool] of [
    ['dockers', 'docker'],
    ['dockers_v2', 'buildx'],
  ] as const) {
    const list = doc.get(key, true);
    if (!yaml().isSeq(list)) continue;
    for (const entry of list.items) {
      const b = yaml().isMap(entry) ? entryBuild(entry, ctx, tool) : undefined;
      if (b) out.push(b);
    }
  }
  return [...out, ...variableBuilds(ctx)];
}

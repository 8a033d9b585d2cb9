// Bake files (`docker-bake.hcl`, `docker-bake.json` and their overrides): each target's
// `context` (relative to where bake runs: bakeRuns.ts) and `dockerfile` (relative to the context),
// following `inherits`, with `${VAR}` taken from the files' `variable` defaults. Files in one
// folder are merged in the order bake reads them, later ones overriding earlier ones.
import * as path from 'node:path';
import { requireParser } from '../bundled';
import type { FileAccess } from '../types';
import { type BakeRun, bakeRuns } from './bakeRuns';
import { isRemoteContext } from './resolve';
import { relLabel, type FoundBuild } from './sites';
import { compareText } from '../format';

type Attrs = Record<string, unknown>;
interface BakeTarget {
  attrs: Attrs;
  file: string;
  line: number;
}
interface BakeModel {
  variables: Map<string, string>;
  targets: Map<string, BakeTarget>;
  groups: Set<string>;
}

// hcl2-parser is a 4 MB GopherJS bundle that takes ~0.3 s to load: only a repository with an
// HCL bake file pays for it (engine/bundled.ts ships it as a bundle of its own).
let hclModule: typeof import('hcl2-parser') | undefined;
const hcl = (): typeof import('hcl2-parser') =>
  (hclModule ??= requireParser<typeof import('hcl2-parser')>('hcl2-parser'));

/** hcl2json gives each block as a list of bodies; bake JSON gives one body. */
function body(v: unknown): Attrs {
  if (Array.isArray(v)) return Object.assign({}, ...v.filter((x) => x && typeof x === 'object')) as Attrs;
  return v && typeof v === 'object' ? (v as Attrs) : {};
}

function parseFile(file: string, text: string): Attrs | undefined {
  try {
    if (file.endsWith('.json')) return JSON.parse(text) as Attrs;
    const [obj] = hcl().parseToObject(text) as [Attrs | null, unknown];
    return obj ?? undefined;
  } catch {
    return undefined;
  }
}

function lineOf(text: string, name: string, json: boolean): number {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = json ? new RegExp(`"${esc}"\\s*:\\s*\\{`) : new RegExp(`^\\s*target\\s+"${esc}"`, 'm');
  const m = re.exec(text);
  return m ? text.slice(0, m.index + (m[0].length - m[0].trimStart().length)).split('\n').length : 1;
}

function addFile(model: BakeModel, file: string, text: string): void {
  const obj = parseFile(file, text);
  if (!obj) return;
  for (const [name, v] of Object.entries(body(obj.variable))) {
    const d = body(v).default;
    if (typeof d === 'string' || typeof d === 'number' || typeof d === 'boolean') model.variables.set(name, String(d));
  }
  for (const [name, v] of Object.entries(body(obj.target))) {
    const prev = model.targets.get(name);
    const attrs = { ...(prev?.attrs ?? {}), ...body(v) };
    model.targets.set(name, {
      attrs,
      file: prev?.file ?? file,
      line: prev?.line ?? lineOf(text, name, file.endsWith('.json')),
    });
  }
  for (const v of Object.values(body(obj.group))) {
    const targets = body(v).targets;
    if (Array.isArray(targets)) for (const t of targets) if (typeof t === 'string') model.groups.add(t);
  }
}

/** `${NAME}` from variable defaults (which may refer to each other); undefined when unknown. */
function interpolate(value: string, vars: Map<string, string>, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  let unknown = false;
  const out = value.replace(/\$\{([^}]*)\}/g, (_m, expr: string) => {
    const v = vars.get(expr.trim());
    if (v === undefined) {
      unknown = true;
      return '';
    }
    const r = interpolate(v, vars, depth + 1);
    if (r === undefined) unknown = true;
    return r ?? '';
  });
  return unknown ? undefined : out;
}

function resolved(name: string, model: BakeModel, seen: Set<string> = new Set()): Attrs {
  const t = model.targets.get(name);
  if (!t || seen.has(name)) return {};
  seen.add(name);
  const parents = Array.isArray(t.attrs.inherits)
    ? (t.attrs.inherits as unknown[]).filter((p): p is string => typeof p === 'string')
    : [];
  const base: Attrs = {};
  for (const p of parents) Object.assign(base, resolved(p, model, seen));
  const own = { ...t.attrs };
  delete own.inherits;
  return { ...base, ...own };
}

function toBuild(name: string, model: BakeModel, run: BakeRun, fs: FileAccess): FoundBuild | undefined {
  const t = model.targets.get(name) as BakeTarget;
  const a = resolved(name, model);
  const ctx = interpolate(typeof a.context === 'string' ? a.context : '.', model.variables);
  const df = interpolate(typeof a.dockerfile === 'string' ? a.dockerfile : 'Dockerfile', model.variables);
  if (ctx === undefined || df === undefined || isRemoteContext(ctx)) return undefined;
  const dir = run.dir;
  const contextDir = path.resolve(dir, ctx);
  const dockerfile = path.resolve(contextDir, df);
  if (!fs.exists(dockerfile)) return undefined;
  const out: FoundBuild = {
    source: 'bake',
    file: t.file,
    line: t.line,
    tool: 'bake',
    builder: 'buildkit',
    dockerfile,
    contextDir,
    noCache: a['no-cache'] === true || a['no-cache'] === 'true',
    isSite: true,
  };
  const tag =
    Array.isArray(a.tags) && typeof a.tags[0] === 'string' ? interpolate(a.tags[0], model.variables) : undefined;
  if (tag !== undefined) out.tag = tag;
  if (run.by) out.note = run.by;
  if (typeof a.target === 'string') out.target = a.target;
  if (a.contexts && typeof a.contexts === 'object') {
    const local = Object.entries(a.contexts as Attrs).flatMap(([k, v]) => {
      const r = typeof v === 'string' ? interpolate(v, model.variables) : undefined;
      return r === undefined || isRemoteContext(r) || /^(docker-image|target|oci-layout):/.test(r)
        ? []
        : [[k, path.resolve(dir, r)] as const];
    });
    if (local.length > 0) out.additionalContexts = Object.fromEntries(local);
  }
  return out;
}

const order = (f: string): number => (path.basename(f).includes('.override.') ? 2 : 0) + (f.endsWith('.hcl') ? 1 : 0);

export interface BakeScope {
  fs: FileAccess;
  root: string;
  /** Files that may run `docker buildx bake` (Makefiles, scripts, CI), to find where it runs. */
  runners: string[];
}

const NO_CALLER = 'no bake command found';

/**
 * Where a folder's bake files run: from their callers' folders; with no caller, from the
 * repository root, or from their own folder when only that makes the target's Dockerfile exist.
 */
function runsOf(group: string[], found: Map<string, BakeRun[]>, root: string): BakeRun[] {
  const named = group.flatMap((f) => found.get(f) ?? []);
  const from = (dir: string): string => (dir === root ? '.' : relLabel(dir, root));
  if (named.length > 0) return named.map((r) => ({ dir: r.dir, by: `run from ${from(r.dir)} by ${r.by}` }));
  const own = path.dirname(group[0] as string);
  // A bake file at the root runs from there whoever calls it: nothing was assumed.
  if (own === root) return [{ dir: root, by: '' }];
  const rootRun = { dir: root, by: `run from the repository root: ${NO_CALLER}` };
  return [rootRun, { dir: own, by: `run from its own folder: ${NO_CALLER}` }];
}

/** Builds from the bake files of each folder. Targets that exist only to be inherited are not builds. */
export function bakeBuilds(files: string[], scope: BakeScope): FoundBuild[] {
  const { fs, root } = scope;
  const found = bakeRuns(files, scope.runners, root, fs);
  const byDir = new Map<string, string[]>();
  for (const f of files) byDir.set(path.dirname(f), [...(byDir.get(path.dirname(f)) ?? []), f]);
  const out: FoundBuild[] = [];
  for (const group of byDir.values()) {
    const model: BakeModel = { variables: new Map(), targets: new Map(), groups: new Set() };
    for (const f of [...group].sort((a, b) => order(a) - order(b) || compareText(a, b)))
      addFile(model, f, fs.readText(f) ?? '');
    const inherited = new Set<string>();
    for (const t of model.targets.values())
      if (Array.isArray(t.attrs.inherits))
        for (const p of t.attrs.inherits) if (typeof p === 'string') inherited.add(p);
    const runs = runsOf(group, found, root);
    const fallbackOnly = runs.every((r) => r.by === '' || r.by.includes(NO_CALLER));
    for (const name of model.targets.keys()) {
      if (inherited.has(name) && !model.groups.has(name)) continue;
      for (const run of runs) {
        const b = toBuild(name, model, run, fs);
        if (b) out.push(b);
        // Without a caller the root is the answer; the bake file's folder only when the root fails.
        if (b && fallbackOnly) break;
      }
    }
  }
  return out;
}

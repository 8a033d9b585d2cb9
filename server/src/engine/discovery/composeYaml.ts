// One compose file's YAML read into service definitions as docker compose's loader sees it:
// YAML merge keys (`<<: *defaults`, the fragments the compose reference documents) and aliases
// resolved, `build: dir` taken as `{context: dir}` (the merge reference says merges apply to the
// expanded form). Paths stay as written, with the folder they are relative to: interpolation
// and resolution wait until the project's environment is known (compose.ts).
import type { Document, LineCounter, Node } from 'yaml';

// Required on the first compose/workflow file, not at load: `buildctx check` on a repository
// without one never initialises the YAML parser (esbuild keeps a call-site require lazy).
export const yaml = (): typeof import('yaml') => require('yaml') as typeof import('yaml');

export interface Where {
  file: string;
  /** 1-based. */
  line: number;
}

/** A path as written (before interpolation) and the folder it is relative to. */
export interface PathValue {
  value: string;
  dir: string;
}

/** Only the keys the file sets, so a later file's merge keeps what it leaves out. */
export interface BuildDef {
  context?: PathValue;
  dockerfile?: string;
  inline?: boolean;
  noCache?: boolean;
  target?: string;
  additional: Record<string, PathValue>;
}

export interface ServiceDef {
  /** The service's own `build:` key, or its name when the build comes from elsewhere. */
  at: Where;
  /** The `build:` that set the context, when it is not at `at` (a merge key's anchor, an extended service). */
  from?: Where;
  build?: BuildDef;
  image?: string;
  extends?: { service: string; file?: PathValue };
}

export interface IncludeDef {
  files: PathValue[];
  projectDir?: PathValue;
  at: Where;
}

export interface ComposeModel {
  services: Map<string, ServiceDef>;
  includes: IncludeDef[];
}

interface Ctx {
  doc: Document.Parsed;
  lines: LineCounter;
  file: string;
  /** The folder the file's relative paths resolve against (its project directory). */
  dir: string;
  /** The file's own folder, against which the files it names (`extends.file`, `include`) resolve. */
  fileDir: string;
}

interface Field {
  key: unknown;
  value: unknown;
  /** Came through a `<<` merge key rather than the mapping itself. */
  merged: boolean;
}

function deref(node: unknown, doc: Document.Parsed): unknown {
  return yaml().isAlias(node) ? node.resolve(doc) : node;
}

function str(node: unknown, doc: Document.Parsed): string | undefined {
  const n = deref(node, doc);
  return yaml().isScalar(n) && n.value !== null && n.value !== undefined && typeof n.value !== 'symbol'
    ? String(n.value)
    : undefined;
}

/** With `merge: true` the parser turns a plain `<<` key into a symbol; a quoted "<<" stays a string. */
function isMergeKey(key: unknown): boolean {
  return yaml().isScalar(key) && typeof key.value === 'symbol';
}

/**
 * A mapping's keys as compose reads them: its own first (the first of duplicates), then those
 * of its `<<` sources, an earlier source winning (the YAML merge type's rule). Depth-bounded: an
 * anchor can hold an alias of itself.
 */
function fields(node: unknown, doc: Document.Parsed, depth = 0): Map<string, Field> {
  const out = new Map<string, Field>();
  const map = deref(node, doc);
  if (!yaml().isMap(map) || depth > 8) return out;
  const sources: unknown[] = [];
  for (const p of map.items) {
    const value = deref(p.value, doc);
    if (isMergeKey(p.key)) sources.push(...(yaml().isSeq(value) ? value.items : [value]));
    const k = isMergeKey(p.key) ? undefined : str(p.key, doc);
    if (k !== undefined && !out.has(k)) out.set(k, { key: p.key, value, merged: false });
  }
  for (const s of sources)
    for (const [k, f] of fields(s, doc, depth + 1)) if (!out.has(k)) out.set(k, { ...f, merged: true });
  return out;
}

function lineOf(node: unknown, ctx: Ctx): number {
  const range = (node as Node | undefined)?.range;
  return ctx.lines.linePos(range?.[0] ?? 0).line;
}

function readBuild(node: unknown, ctx: Ctx): BuildDef {
  const out: BuildDef = { additional: {} };
  const short = str(node, ctx.doc);
  if (short !== undefined) {
    out.context = { value: short, dir: ctx.dir };
    return out;
  }
  const b = fields(node, ctx.doc);
  const get = (k: string): string | undefined => str(b.get(k)?.value, ctx.doc);
  const context = get('context');
  if (context !== undefined) out.context = { value: context, dir: ctx.dir };
  const dockerfile = get('dockerfile');
  if (dockerfile !== undefined) out.dockerfile = dockerfile;
  if (b.has('dockerfile_inline')) out.inline = true;
  if (b.has('no_cache')) out.noCache = get('no_cache') === 'true';
  const target = get('target');
  if (target !== undefined) out.target = target;
  for (const [k, f] of fields(b.get('additional_contexts')?.value, ctx.doc)) {
    const v = str(f.value, ctx.doc);
    if (v !== undefined) out.additional[k] = { value: v, dir: ctx.dir };
  }
  return out;
}

function readExtends(node: unknown, ctx: Ctx): ServiceDef['extends'] {
  const short = str(node, ctx.doc);
  if (short !== undefined) return { service: short };
  const f = fields(node, ctx.doc);
  const service = str(f.get('service')?.value, ctx.doc);
  if (service === undefined) return undefined;
  const file = str(f.get('file')?.value, ctx.doc);
  return file === undefined ? { service } : { service, file: { value: file, dir: ctx.fileDir } };
}

function readService(name: unknown, node: unknown, ctx: Ctx): ServiceDef {
  const f = fields(node, ctx.doc);
  const build = f.get('build');
  const at = { file: ctx.file, line: lineOf(build && !build.merged ? build.key : name, ctx) };
  const def: ServiceDef = { at };
  if (build) {
    def.build = readBuild(build.value, ctx);
    if (build.merged) def.from = { file: ctx.file, line: lineOf(build.key, ctx) };
  }
  const image = str(f.get('image')?.value, ctx.doc);
  if (image !== undefined) def.image = image;
  const ext = f.has('extends') ? readExtends(f.get('extends')?.value, ctx) : undefined;
  if (ext) def.extends = ext;
  return def;
}

/** `include:` entries: a path, or `{path: one or a list, project_directory}`; relative to this file. */
function readIncludes(node: unknown, ctx: Ctx): IncludeDef[] {
  const seq = deref(node, ctx.doc);
  if (!yaml().isSeq(seq)) return [];
  const out: IncludeDef[] = [];
  for (const item of seq.items) {
    const at = { file: ctx.file, line: lineOf(item, ctx) };
    const short = str(item, ctx.doc);
    const f = short === undefined ? fields(item, ctx.doc) : new Map<string, Field>();
    const p = deref(f.get('path')?.value, ctx.doc);
    const written =
      short !== undefined ? [short] : yaml().isSeq(p) ? p.items.map((i) => str(i, ctx.doc)) : [str(p, ctx.doc)];
    const files = written.flatMap((value) => (value === undefined ? [] : [{ value, dir: ctx.fileDir }]));
    if (files.length === 0) continue;
    const projectDir = str(f.get('project_directory')?.value, ctx.doc);
    const def: IncludeDef = { files, at };
    if (projectDir !== undefined) def.projectDir = { value: projectDir, dir: ctx.fileDir };
    out.push(def);
  }
  return out;
}

/** `dir`: the folder relative paths resolve against; `fileDir`: the file's own folder. */
export function readComposeModel(file: string, text: string, dir: string, fileDir: string): ComposeModel {
  const lines = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: lines, uniqueKeys: false, merge: true });
  const out: ComposeModel = { services: new Map(), includes: [] };
  if (doc.errors.length > 0) return out;
  const ctx: Ctx = { doc, lines, file, dir, fileDir };
  const top = fields(doc.contents, doc);
  for (const [name, f] of fields(top.get('services')?.value, doc)) {
    if (yaml().isMap(f.value)) out.services.set(name, readService(f.key, f.value, ctx));
  }
  out.includes = readIncludes(top.get('include')?.value, ctx);
  return out;
}

// A GitLab CI configuration as GitLab assembles it: `.gitlab-ci.yml` with the files it
// includes from the same project (`include: local`, and a plain path, recursively; remote,
// project, template and component includes are elsewhere), later definitions overriding
// earlier ones, jobs' `extends` and `!reference` tags resolved, and the `variables` GitLab
// expands before a job's shell starts.
import * as path from 'node:path';
import type { Document, LineCounter, YAMLMap } from 'yaml';
import type { FileAccess } from '../types';
import type { Arg } from './shellWords';
import { documents, lineOf, str, yaml } from './yamlNodes';

/** A node with the file it was read from. */
export interface Located {
  node: unknown;
  file: string;
  lines: LineCounter;
}

export interface Pipeline {
  /** Job name (hidden `.templates` too) to its latest definition. */
  jobs: Map<string, Located & { node: YAMLMap }>;
  /** Top-level `variables` maps, in the order GitLab merges them. */
  variables: Located[];
  /** `default:` keys (and the top-level `before_script` it replaced). */
  defaults: Map<string, Located>;
}

const GLOBAL_KEYS = new Set(['include', 'stages', 'variables', 'default', 'workflow', 'spec', 'image', 'services']);
const DEFAULT_KEYS = new Set(['before_script', 'after_script', 'cache', 'image', 'services']);
const MAX_FILES = 32;

/** Local files one configuration includes, as absolute paths (globs are skipped). */
function includes(doc: Document, projectDir: string): string[] {
  const node = doc.get('include', true);
  const items = yaml().isSeq(node) ? node.items : [node];
  return items.flatMap((it) => {
    const p = yaml().isMap(it) ? str(it.get('local', true)) : str(it);
    if (p === undefined || /^[a-z]+:\/\//i.test(p) || p.includes('*') || p.includes('$')) return [];
    return [path.join(projectDir, p.replace(/^\/+/, ''))];
  });
}

function addFile(p: Pipeline, doc: Document, file: string, lines: LineCounter): void {
  const top = doc.contents;
  if (!yaml().isMap(top)) return;
  for (const pair of top.items) {
    const key = str(pair.key);
    if (key === undefined) continue;
    const at = { node: pair.value, file, lines };
    if (key === 'variables') p.variables.push(at);
    else if (key === 'default' && yaml().isMap(pair.value)) {
      for (const d of pair.value.items) {
        const k = str(d.key);
        if (k !== undefined) p.defaults.set(k, { node: d.value, file, lines });
      }
    } else if (DEFAULT_KEYS.has(key)) p.defaults.set(key, at);
    else if (!GLOBAL_KEYS.has(key) && yaml().isMap(pair.value)) p.jobs.set(key, { ...at, node: pair.value });
  }
}

/** The configuration of `file` with its local includes, which it overrides. */
export function loadPipeline(file: string, text: string, fs: FileAccess): Pipeline {
  const p: Pipeline = { jobs: new Map(), variables: [], defaults: new Map() };
  const seen = new Set([file]);
  const visit = (f: string, t: string): void => {
    const { docs, lines } = documents(t);
    // A file with a `spec:` header (CI/CD inputs) has its configuration in the second document.
    const doc = docs[docs.length - 1];
    if (!doc) return;
    for (const inc of includes(doc, path.dirname(file))) {
      if (seen.has(inc) || seen.size >= MAX_FILES) continue;
      seen.add(inc);
      const it = fs.readText(inc);
      if (it !== undefined) visit(inc, it);
    }
    addFile(p, doc, f, lines);
  };
  visit(file, text);
  return p;
}

export interface ResolvedJob {
  keys: Map<string, Located>;
  /** `variables` maps, parents' first. */
  variables: Located[];
}

/** A job with what it `extends` (parents first, later ones winning), GitLab's limit of 11 levels. */
export function resolveJob(name: string, p: Pipeline, depth = 0): ResolvedJob {
  const out: ResolvedJob = { keys: new Map(), variables: [] };
  const job = p.jobs.get(name);
  if (!job || depth > 11) return out;
  const ext = job.node.get('extends', true);
  const parents = yaml().isSeq(ext) ? ext.items.map(str) : [str(ext)];
  for (const parent of parents) {
    if (parent === undefined) continue;
    const r = resolveJob(parent, p, depth + 1);
    for (const [k, v] of r.keys) out.keys.set(k, v);
    out.variables.push(...r.variables);
  }
  for (const pair of job.node.items) {
    const k = str(pair.key);
    if (k === undefined) continue;
    const at = { node: pair.value, file: job.file, lines: job.lines };
    if (k === 'variables') out.variables.push(at);
    else out.keys.set(k, at);
  }
  return out;
}

export interface ScriptPiece {
  text: string;
  file: string;
  /** Line of the text's first line. */
  line: number;
  /** A literal block keeps its lines; any other scalar is one line of YAML or folded into one. */
  literal: boolean;
}

/** The commands of a `script`-like key: a string or a (nested) list, `!reference [job, key]` followed. */
export function scriptPieces(at: Located, p: Pipeline, depth = 0): ScriptPiece[] {
  const { node, file, lines } = at;
  if (yaml().isScalar(node)) {
    const text = str(node);
    const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
    const line = lineOf(node, lines) + (block ? 1 : 0);
    return text === undefined ? [] : [{ text, file, line, literal: node.type === 'BLOCK_LITERAL' }];
  }
  if (!yaml().isSeq(node) || depth > 8) return [];
  if (node.tag === '!reference') {
    const [job, ...keys] = node.items.map(str);
    const from = job === undefined ? undefined : p.jobs.get(job);
    if (!from || keys.some((k) => k === undefined)) return [];
    return scriptPieces({ ...from, node: from.node.getIn(keys as string[], true) }, p, depth + 1);
  }
  return node.items.flatMap((item) => scriptPieces({ node: item, file, lines }, p, depth + 1));
}

/** `$NAME`, `${NAME}` and `$$` in a variable's value, as GitLab expands them; unknown names stay unknown. */
function expand(value: string, known: Map<string, Arg>): Arg {
  let unknown: string | undefined;
  const out = value.replace(/\$\$|\$\{(\w+)\}|\$([A-Za-z_]\w*)/g, (m, braced?: string, bare?: string) => {
    if (m === '$$') return '$';
    const v = known.get((braced ?? bare) as string);
    if (typeof v === 'string') return v;
    unknown ??= (braced ?? bare) as string;
    return '';
  });
  return unknown === undefined ? out : { unresolved: unknown };
}

/** `known` plus the variables of `maps`, each expanded with those before it. */
export function variablesOf(maps: Located[], known: Map<string, Arg>): Map<string, Arg> {
  const out = new Map(known);
  for (const { node } of maps) {
    if (!yaml().isMap(node)) continue;
    for (const pair of node.items) {
      const name = str(pair.key);
      const v = pair.value;
      const raw = yaml().isMap(v) ? str(v.get('value', true)) : str(v);
      if (name === undefined) continue;
      const literal = yaml().isMap(v) && str(v.get('expand', true)) === 'false';
      out.set(name, raw === undefined ? { unresolved: name } : literal ? raw : expand(raw, out));
    }
  }
  return out;
}

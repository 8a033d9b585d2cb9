// Compose files: each service's `build` (a directory, or `context` + `dockerfile`) relative to
// the project directory, as the compose spec defines it. Files are put together the way docker
// compose does: the default override file merged over the base, other files next to it as
// `-f base -f other`, `extends` and `include` followed (composeModel.ts), YAML merge keys and
// aliases read (composeYaml.ts). `${VAR}` resolves from the project's `.env` and the defaults
// written in the file; anything else is skipped. `dockerfile_inline` has no file.
import * as path from 'node:path';
import type { FileAccess } from '../types';
import { mergeFiles, resolveExtends, type ResolvePath } from './composeModel';
import { readComposeModel, type ComposeModel, type IncludeDef, type ServiceDef, type Where } from './composeYaml';
import { isRemoteContext } from './resolve';
import type { FoundBuild } from './sites';

const BASE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/** Compose interpolation: `$VAR`, `${VAR}`, `${VAR:-d}`, `${VAR-d}`, `$$`; undefined when unknown. */
export function interpolate(value: string, env: Map<string, string>): string | undefined {
  let unknown = false;
  const out = value.replace(
    /\$(?:\$|\{([A-Za-z_]\w*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_]\w*))/g,
    (m, braced?: string, op?: string, word?: string, bare?: string) => {
      if (m === '$$') return '$';
      const name = (braced ?? bare) as string;
      const v = env.get(name);
      const unset = v === undefined || (op?.startsWith(':') === true && v === '');
      if (op === ':-' || op === '-') return unset ? (word ?? '') : (v as string);
      if (op === ':+' || op === '+') return unset ? '' : (word ?? '');
      if (unset) {
        unknown = true;
        return '';
      }
      return v as string;
    },
  );
  return unknown ? undefined : out;
}

export function readDotEnv(text: string | undefined): Map<string, string> {
  const env = new Map<string, string>();
  for (const line of (text ?? '').split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_]\w*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let v = (m[2] as string).trim();
    if (/^(["']).*\1$/.test(v)) v = v.slice(1, -1);
    else v = v.replace(/\s+#.*$/, '');
    env.set(m[1] as string, v);
  }
  return env;
}

interface Project {
  /** Merged in this order. */
  files: string[];
  /** The project directory: relative paths resolve against it, its `.env` feeds interpolation. */
  dir: string;
  env: Map<string, string>;
  /** The default override file: a service keeps its base file's site. */
  sameBuild: boolean;
  /** Only these services are sites (`-f base -f other`: the other file's builds). */
  only?: Set<string>;
  includedBy?: Where;
}

interface Reader {
  fs: FileAccess;
  read: string[];
  cache: Map<string, ComposeModel | undefined>;
}

function load(r: Reader, file: string, dir: string): ComposeModel | undefined {
  const key = `${file}\0${dir}`;
  if (r.cache.has(key)) return r.cache.get(key);
  const text = r.fs.readText(file);
  // Listed even when missing: creating an included or extended file changes the result.
  r.read.push(file);
  const model = text === undefined ? undefined : readComposeModel(file, text, dir, path.dirname(file));
  r.cache.set(key, model);
  return model;
}

function projectEnv(dir: string, r: Reader): Map<string, string> {
  const dotEnvPath = path.join(dir, '.env');
  const dotEnv = r.fs.readText(dotEnvPath);
  if (dotEnv !== undefined) r.read.push(dotEnvPath);
  return readDotEnv(dotEnv);
}

function pathResolver(env: Map<string, string>): ResolvePath {
  return (p) => {
    const v = interpolate(p.value, env);
    return v === undefined || isRemoteContext(v) ? undefined : path.resolve(p.dir, v);
  };
}

function toBuild(def: ServiceDef, p: Project, fs: FileAccess): FoundBuild | undefined {
  const b = def.build;
  if (!b || b.inline || !b.context) return undefined;
  const contextDir = pathResolver(p.env)(b.context);
  if (contextDir === undefined) return undefined;
  const df = b.dockerfile === undefined ? 'Dockerfile' : interpolate(b.dockerfile, p.env);
  if (df === undefined) return undefined;
  // The compose spec resolves `dockerfile` against the context, not the compose file.
  const dockerfile = path.resolve(contextDir, df);
  if (!fs.exists(dockerfile)) return undefined;
  const out: FoundBuild = {
    source: 'compose',
    ...def.at,
    tool: 'compose',
    dockerfile,
    contextDir,
    noCache: b.noCache ?? false,
    isSite: true,
  };
  const tag = def.image === undefined ? undefined : interpolate(def.image, p.env);
  if (tag !== undefined) out.tag = tag;
  if (b.target !== undefined) out.target = b.target;
  const additional = Object.entries(b.additional).flatMap(([k, v]) => {
    const r = interpolate(v.value, p.env);
    return r === undefined || isRemoteContext(r) || /^(docker-image|target|service|oci-layout):/.test(r)
      ? []
      : [[k, path.resolve(v.dir, r)] as const];
  });
  if (additional.length > 0) out.additionalContexts = Object.fromEntries(additional);
  const via = [
    ...(def.from ? [{ label: 'build from', ...def.from }] : []),
    ...(p.includedBy ? [{ label: 'included by', ...p.includedBy }] : []),
  ];
  if (via.length > 0) out.via = via;
  return out;
}

/** `stack`: the files of the projects including this one, so an include cycle ends. */
function projectBuilds(p: Project, r: Reader, stack: string[]): FoundBuild[] {
  const models = p.files.flatMap((f) => load(r, f, p.dir) ?? []);
  const scope = { services: mergeFiles(models, p.sameBuild), id: p.files.join('\0') };
  const io = { load: (f: string) => load(r, f, path.dirname(f)), resolve: pathResolver(p.env) };
  const out: FoundBuild[] = [];
  for (const name of scope.services.keys()) {
    if (p.only && !p.only.has(name)) continue;
    const def = resolveExtends(name, scope, io);
    const b = def && toBuild(def, p, r.fs);
    if (b) out.push(b);
  }
  // The base file's includes were followed with the base project.
  const includes = (p.only ? models.slice(-1) : models).flatMap((m) => m.includes);
  for (const inc of includes) out.push(...includeBuilds(inc, p, r, [...stack, ...p.files]));
  return out;
}

/**
 * An included file is "loaded as an individual Compose application model, with its own project
 * directory"; `project_directory` "defaults to the directory of the included Compose file", its
 * `.env` feeds interpolation and "the local project's environment has precedence" (compose
 * reference, include). `include` applies recursively.
 */
function includeBuilds(inc: IncludeDef, parent: Project, r: Reader, stack: string[]): FoundBuild[] {
  const resolve = pathResolver(parent.env);
  const files = inc.files.map(resolve);
  if (files.some((f) => f === undefined || stack.includes(f))) return [];
  const found = files as string[];
  const dir = inc.projectDir ? resolve(inc.projectDir) : path.dirname(found[0]!);
  if (dir === undefined) return [];
  const env = new Map([...projectEnv(dir, r), ...parent.env]);
  return projectBuilds({ files: found, dir, env, sameBuild: false, includedBy: inc.at }, r, stack);
}

/** The projects a folder's compose files make, as `docker compose [-f ...]` run there would. */
function folderProjects(dir: string, group: string[], env: Map<string, string>, r: Reader): Project[] {
  const baseFile = BASE_NAMES.map((n) => path.join(dir, n)).find((f) => group.includes(f));
  // "By default, Compose reads two files, a compose.yaml and an optional compose.override.yaml"
  // (compose docs, merge): one build per service.
  const autoOverride = baseFile && group.find((f) => /^(docker-)?compose\.override\.ya?ml$/.test(path.basename(f)));
  const out: Project[] = [];
  if (baseFile) out.push({ files: autoOverride ? [baseFile, autoOverride] : [baseFile], dir, env, sameBuild: true });
  for (const f of group) {
    if (f === baseFile || f === autoOverride) continue;
    if (!baseFile) {
      out.push({ files: [f], dir, env, sameBuild: false });
      continue;
    }
    // `-f base -f other` merges only the files given: the default override stays out.
    const own = [...(load(r, f, dir)?.services ?? [])].filter(([, d]) => d.build || d.extends);
    out.push({ files: [baseFile, f], dir, env, sameBuild: false, only: new Set(own.map(([n]) => n)) });
  }
  return out;
}

/** One build per site: an included file that is also a project of its own is found twice. */
function distinct(builds: FoundBuild[]): FoundBuild[] {
  const byKey = new Map<string, FoundBuild>();
  for (const b of builds) {
    const key = [b.file, b.line, b.dockerfile, b.contextDir, b.target ?? ''].join('\0');
    const had = byKey.get(key);
    if (!had || (had.via?.length ?? 0) > (b.via?.length ?? 0)) byKey.set(key, b);
  }
  return [...byKey.values()];
}

/** Builds from every compose file found; `read` collects the other files they depend on. */
export function composeBuilds(files: string[], fs: FileAccess, read: string[]): FoundBuild[] {
  const byDir = new Map<string, string[]>();
  for (const f of files) byDir.set(path.dirname(f), [...(byDir.get(path.dirname(f)) ?? []), f]);
  const r: Reader = { fs, read, cache: new Map() };
  const out: FoundBuild[] = [];
  for (const [dir, group] of byDir) {
    const env = projectEnv(dir, r);
    for (const p of folderProjects(dir, group, env, r)) out.push(...projectBuilds(p, r, []));
  }
  return distinct(out);
}

// Compose files: each service's `build` (a directory, or `context` + `dockerfile`) relative to
// the compose file, as the compose spec defines it. Override files next to a base file
// (`compose.override.yaml`, `docker-compose.prod.yml`) are merged over it per service, the
// way `-f base -f override` merges. `${VAR}` resolves from the project's `.env` and the
// defaults written in the file; anything else is skipped. `dockerfile_inline` has no file.
import * as path from 'node:path';
import type { LineCounter, YAMLMap } from 'yaml';

// Required on the first compose/workflow file, not at load: `buildctx check` on a repository
// without one never initialises the YAML parser (esbuild keeps a call-site require lazy).
const yaml = (): typeof import('yaml') => require('yaml') as typeof import('yaml');
import type { FileAccess } from '../types';
import { isRemoteContext } from './resolve';
import type { FoundBuild } from './sites';

interface ServiceBuild {
  context?: string;
  dockerfile?: string;
  inline: boolean;
  noCache: boolean;
  target?: string;
  tag?: string;
  additional: Record<string, string>;
  file: string;
  line: number;
}

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

function str(node: unknown): string | undefined {
  return yaml().isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

function readService(svc: YAMLMap, file: string, lines: LineCounter): ServiceBuild | undefined {
  const pair = svc.items.find((p) => str(p.key) === 'build');
  if (!pair) return undefined;
  const keyRange = yaml().isScalar(pair.key) ? pair.key.range : undefined;
  const out: ServiceBuild = {
    inline: false,
    noCache: false,
    additional: {},
    file,
    line: lines.linePos(keyRange?.[0] ?? 0).line,
  };
  const image = str(svc.get('image', true));
  if (image !== undefined) out.tag = image;
  if (yaml().isScalar(pair.value)) {
    const c = str(pair.value);
    if (c !== undefined) out.context = c;
    return out;
  }
  if (!yaml().isMap(pair.value)) return out;
  const b = pair.value;
  const ctx = str(b.get('context', true));
  if (ctx !== undefined) out.context = ctx;
  const df = str(b.get('dockerfile', true));
  if (df !== undefined) out.dockerfile = df;
  out.inline = b.has('dockerfile_inline');
  out.noCache = str(b.get('no_cache', true)) === 'true';
  const target = str(b.get('target', true));
  if (target !== undefined) out.target = target;
  const add = b.get('additional_contexts', true);
  if (yaml().isMap(add))
    for (const p of add.items) {
      const k = str(p.key),
        v = str(p.value);
      if (k && v !== undefined) out.additional[k] = v;
    }
  return out;
}

function readComposeFile(file: string, text: string): Map<string, ServiceBuild> {
  const out = new Map<string, ServiceBuild>();
  const lines = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  const services = doc.errors.length > 0 ? undefined : doc.get('services', true);
  if (!yaml().isMap(services)) return out;
  for (const p of services.items) {
    const name = str(p.key);
    if (name === undefined || !yaml().isMap(p.value)) continue;
    const b = readService(p.value, file, lines);
    if (b) out.set(name, b);
  }
  return out;
}

/** Fields an override leaves out come from the base file's service of the same name. */
function merged(over: ServiceBuild, base: ServiceBuild | undefined): ServiceBuild {
  if (!base) return over;
  const out: ServiceBuild = { ...base, ...over, additional: { ...base.additional, ...over.additional } };
  if (over.context === undefined && base.context !== undefined) out.context = base.context;
  if (over.dockerfile === undefined && base.dockerfile !== undefined) out.dockerfile = base.dockerfile;
  return out;
}

function toBuild(b: ServiceBuild, dir: string, env: Map<string, string>, fs: FileAccess): FoundBuild | undefined {
  if (b.inline || b.context === undefined) return undefined;
  const ctx = interpolate(b.context, env);
  if (ctx === undefined || isRemoteContext(ctx)) return undefined;
  const contextDir = path.resolve(dir, ctx);
  const df = b.dockerfile === undefined ? 'Dockerfile' : interpolate(b.dockerfile, env);
  if (df === undefined) return undefined;
  // The compose spec resolves `dockerfile` against the context, not the compose file.
  const dockerfile = path.resolve(contextDir, df);
  if (!fs.exists(dockerfile)) return undefined;
  const out: FoundBuild = {
    source: 'compose',
    file: b.file,
    line: b.line,
    tool: 'compose',
    dockerfile,
    contextDir,
    noCache: b.noCache,
    isSite: true,
  };
  if (b.tag !== undefined) {
    const t = interpolate(b.tag, env);
    if (t !== undefined) out.tag = t;
  }
  if (b.target !== undefined) out.target = b.target;
  const additional = Object.entries(b.additional).flatMap(([k, v]) => {
    const r = interpolate(v, env);
    return r === undefined || isRemoteContext(r) || /^(docker-image|target|service|oci-layout):/.test(r)
      ? []
      : [[k, path.resolve(dir, r)] as const];
  });
  if (additional.length > 0) out.additionalContexts = Object.fromEntries(additional);
  return out;
}

/** Builds from every compose file in one directory; `read` collects the `.env` it used. */
export function composeBuilds(files: string[], fs: FileAccess, read: string[]): FoundBuild[] {
  const byDir = new Map<string, string[]>();
  for (const f of files) byDir.set(path.dirname(f), [...(byDir.get(path.dirname(f)) ?? []), f]);
  const out: FoundBuild[] = [];
  for (const [dir, group] of byDir) {
    const dotEnvPath = path.join(dir, '.env');
    const dotEnv = fs.readText(dotEnvPath);
    if (dotEnv !== undefined) read.push(dotEnvPath);
    const env = readDotEnv(dotEnv);
    const baseFile = BASE_NAMES.map((n) => path.join(dir, n)).find((f) => group.includes(f));
    const parsed = new Map(group.map((f) => [f, readComposeFile(f, fs.readText(f) ?? '')] as const));
    const base = new Map(baseFile ? parsed.get(baseFile) : undefined);
    // compose.override.yaml is always applied with the base file: one build per service.
    const autoOverride = group.find((f) => /^(docker-)?compose\.override\.ya?ml$/.test(path.basename(f)));
    for (const [name, svc] of (autoOverride && parsed.get(autoOverride)) || []) {
      const b = base.get(name);
      base.set(name, b ? { ...merged(svc, b), file: b.file, line: b.line } : svc);
    }
    for (const f of group) {
      if (f === autoOverride && baseFile) continue;
      const services = f === baseFile ? base : (parsed.get(f) ?? new Map<string, ServiceBuild>());
      for (const [name, svc] of services) {
        const b = toBuild(f === baseFile ? svc : merged(svc, base.get(name)), dir, env, fs);
        if (b) out.push(b);
      }
    }
  }
  return out;
}

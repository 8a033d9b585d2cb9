// Values discovery assumes for a variable a command leaves unknown, each named in the build's
// provenance: one run per item of a literal loop list (`for c in api web`), and, when nothing
// binds the variable, the values that make the `-f` template name an existing Dockerfile
// (`./cmd/$(COMPONENT)/Dockerfile` against `./cmd/*/Dockerfile`). A template that finds no
// Dockerfile, or that is the variable alone (`-f $(DOCKERFILE)`), says nothing: skipped.
import * as path from 'node:path';
import type { ParsedBuild } from './command';
import { MAX_MATCHES, type RepoFiles } from './repoFiles';
import { argText, MARKER, withMarker } from './shellEval';
import { type Arg, type ShellCall, unresolvedMarker } from './shellWords';

export interface Variant {
  args: Arg[];
  env: Map<string, Arg>;
  assumed: string[];
}

const MARKERS = new RegExp(MARKER.source, 'g');

/** The marker names in an argument. */
export function namesIn(a: Arg): string[] {
  return typeof a === 'string' ? [] : [...argText(a).matchAll(MARKERS)].map((m) => m[1] as string);
}

export function bindArg(a: Arg, name: string, value: string): Arg {
  if (typeof a === 'string') return a;
  return withMarker(argText(a).split(unresolvedMarker(name)).join(value));
}

export function bindAll(v: Variant, name: string, value: string, label: string): Variant {
  const env = new Map<string, Arg>();
  for (const [k, x] of v.env) env.set(k, bindArg(x, name, value));
  return { args: v.args.map((a) => bindArg(a, name, value)), env, assumed: [...v.assumed, label] };
}

/** One variant per combination of loop items the call's arguments use (at most MAX_MATCHES). */
export function variants(call: ShellCall): Variant[] {
  let out: Variant[] = [{ args: call.args, env: call.env, assumed: [] }];
  if (!call.domains) return out;
  const used = new Set([...call.args, ...call.env.values()].flatMap(namesIn));
  for (const [name, values] of call.domains) {
    if (!used.has(name)) continue;
    out = out.flatMap((v) => values.map((x) => bindAll(v, name, x, `${name}=${x}`))).slice(0, MAX_MATCHES);
  }
  return out;
}

/** The Dockerfile a build names, as a template: `-f`, else `Dockerfile` in the context. */
function dockerfileTemplate(parsed: ParsedBuild): string | undefined {
  if (parsed.file !== undefined) return typeof parsed.file === 'string' ? undefined : argText(parsed.file);
  if (parsed.context === undefined || typeof parsed.context === 'string') return undefined;
  return `${argText(parsed.context)}/Dockerfile`;
}

/** A glob worth matching: some literal folder or name part besides a plain `Dockerfile`. */
function specific(glob: string): boolean {
  const segs = glob.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  const last = segs[segs.length - 1] ?? '';
  const rest = last.includes('*') ? segs : segs.slice(0, -1);
  return rest.some((s) => /[^*]/.test(s));
}

export interface OpenMatch {
  name: string;
  value: string;
  label: string;
}

/** Values of the one unknown variable in the Dockerfile's template that name existing Dockerfiles. */
export function openMatches(parsed: ParsedBuild, bases: string[], dockerfiles: RepoFiles): OpenMatch[] {
  const template = dockerfileTemplate(parsed);
  if (template === undefined) return [];
  const names = new Set([...template.matchAll(MARKERS)].map((m) => m[1] as string));
  const [name] = names;
  if (names.size !== 1 || name === undefined || name === '') return [];
  const glob = template.replace(MARKERS, '*');
  if (!specific(glob)) return [];
  for (const base of bases) {
    const found = dockerfiles.glob(base, glob, true);
    if (found.length === 0) continue;
    const re = captureRegex(path.resolve(base, template.split(unresolvedMarker(name)).join('\0')));
    const values = new Set(found.map((f) => re.exec(f)?.[1]).filter((v): v is string => !!v));
    const label = `${name === 'stem' ? '$*' : name} open: matched ${glob}`;
    return [...values].map((value) => ({ name, value, label }));
  }
  return [];
}

function captureRegex(absTemplate: string): RegExp {
  const parts = absTemplate.split('\0').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts[0]}([^${path.sep === '/' ? '/' : '\\\\/'}]+)${parts.slice(1).join('\\1')}$`);
}

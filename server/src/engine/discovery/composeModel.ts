// Putting service definitions together as docker compose does: several files of one project
// merged in order, then `extends` applied to the merged services (compose applies it after the
// merge). Both follow the compose merge reference: a mapping merges key by key, the later
// definition winning, so an override's `build.context`/`dockerfile` replace the base's and
// what it leaves out is kept.
import type { BuildDef, ComposeModel, ServiceDef } from './composeYaml';

/** Loads another compose file (cached), its relative paths resolving against its own folder. */
export type LoadFile = (file: string) => ComposeModel | undefined;

/** Resolves a path written in a compose file (interpolated); undefined when unknown or remote. */
export type ResolvePath = (p: { value: string; dir: string }) => string | undefined;

function mergeBuild(over: BuildDef | undefined, base: BuildDef | undefined): BuildDef | undefined {
  if (!over || !base) return over ?? base;
  return { ...base, ...over, additional: { ...base.additional, ...over.additional } };
}

/** `over`'s definition of a service laid on `base`'s; the site is `over`'s when it writes a build. */
export function mergeDefs(over: ServiceDef, base: ServiceDef): ServiceDef {
  const out: ServiceDef = { ...base, ...over, at: over.build ? over.at : base.at };
  const build = mergeBuild(over.build, base.build);
  if (build) out.build = build;
  // Where the context was written follows the context.
  const from = over.build?.context ? over.from : base.from;
  if (from) out.from = from;
  else delete out.from;
  return out;
}

/**
 * Services of files merged in order (`-f a -f b`). With `sameBuild` (the default override file)
 * a service keeps the base file's site: the pair is one build, not two.
 */
export function mergeFiles(models: ComposeModel[], sameBuild: boolean): Map<string, ServiceDef> {
  const out = new Map<string, ServiceDef>();
  for (const m of models) {
    for (const [name, over] of m.services) {
      const base = out.get(name);
      const merged = base ? mergeDefs(over, base) : over;
      out.set(name, sameBuild && base?.build ? { ...merged, at: base.at } : merged);
    }
  }
  return out;
}

interface Scope {
  services: Map<string, ServiceDef>;
  /** Identifies the file (or merged project) the services belong to, for the cycle guard. */
  id: string;
}

/**
 * A service with its `extends` chain applied. `extends: {file}` loads that file on its own: its
 * services are not part of the project, and its relative paths keep pointing where they did
 * ("relative paths declared by the service being extended are converted so they still point to
 * the same file", compose reference, extends). A cycle, which compose rejects, ends the chain.
 */
export function resolveExtends(
  name: string,
  scope: Scope,
  io: { load: LoadFile; resolve: ResolvePath },
  seen: Set<string> = new Set(),
): ServiceDef | undefined {
  const def = scope.services.get(name);
  if (!def?.extends) return def;
  const key = `${scope.id}\0${name}`;
  if (seen.has(key)) return undefined;
  seen.add(key);
  const { extends: ext, ...own } = def;
  let parentScope: Scope | undefined = scope;
  if (ext.file) {
    const file = io.resolve(ext.file);
    const model = file === undefined ? undefined : io.load(file);
    parentScope = model && file ? { services: model.services, id: file } : undefined;
  }
  const parent = parentScope && resolveExtends(ext.service, parentScope, io, seen);
  if (!parent) return own;
  return inherit(own, parent);
}

/** The extending service's fields win; its site stays its own, the context's origin is noted. */
function inherit(own: ServiceDef, parent: ServiceDef): ServiceDef {
  const out = mergeDefs(own, parent);
  out.at = own.at;
  if (!own.build?.context && parent.build?.context) out.from = parent.from ?? parent.at;
  return out;
}

// Which entry of the model claims a context path. A `read` wins over everything; a folder the
// model knows is not needed (vendor/ with -mod=mod, .git) wins over a `maybe`.
import type { BuildInputs, InputEntry, InputHit, NotNeeded } from './types';

function globSegment(seg: string): RegExp {
  let re = '';
  for (const ch of seg) re += ch === '*' ? '[^/]*' : ch === '?' ? '[^/]' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${re}$`);
}

/** A wildcard source as COPY and //go:embed use it: one segment per level, `[...]` read as "any". */
function globTest(glob: string): (segs: string[]) => boolean {
  const parts = glob.split('/').map((s) => (s.includes('[') ? /^.*$/ : globSegment(s)));
  return (segs) => segs.length >= parts.length && parts.every((re, i) => re.test(segs[i]!));
}

/** The tree entries that reach into one folder, and whether the model knows it is not needed. */
export interface FolderView {
  reads: Array<{ entry: InputEntry; base: string }>;
  maybes: Array<{ entry: InputEntry; base: string }>;
  notNeeded: NotNeeded | undefined;
}

const parentOf = (p: string): string => {
  const slash = p.lastIndexOf('/');
  return slash < 0 ? '' : p.slice(0, slash);
};

export class InputIndex {
  private readonly files = new Map<string, InputEntry[]>();
  private readonly trees = new Map<string, InputEntry[]>();
  private readonly globs: Array<{ entry: InputEntry; test: (segs: string[]) => boolean }> = [];
  private readonly unneeded = new Map<string, NotNeeded>();
  // Files of one folder share their folder's view: a 200k-file tree has ~20k folders.
  private readonly folders = new Map<string, FolderView>();

  constructor(readonly inputs: BuildInputs) {
    for (const e of inputs.entries) {
      if (e.scope === 'glob') this.globs.push({ entry: e, test: globTest(e.path) });
      else {
        const map = e.scope === 'file' ? this.files : this.trees;
        map.set(e.path, [...(map.get(e.path) ?? []), e]);
      }
    }
    for (const n of inputs.notNeeded) if (!this.unneeded.has(n.path)) this.unneeded.set(n.path, n);
  }

  private view(dir: string): FolderView {
    let v = this.folders.get(dir);
    if (v) return v;
    const parent = dir === '' ? null : this.view(parentOf(dir));
    const own = this.trees.get(dir);
    // Most folders add nothing to their parent's view: share it rather than copy it.
    if (parent && !own && !this.unneeded.has(dir)) {
      this.folders.set(dir, parent);
      return parent;
    }
    v = {
      reads: [...(parent?.reads ?? [])],
      maybes: [...(parent?.maybes ?? [])],
      notNeeded: this.unneeded.get(dir) ?? parent?.notNeeded,
    };
    for (const entry of own ?? []) (entry.certainty === 'read' ? v.reads : v.maybes).push({ entry, base: dir });
    this.folders.set(dir, v);
    return v;
  }

  /** The first tree entry of `list` that claims file `p` (named `name`). */
  private treeClaim(list: FolderView['reads'], p: string, name: string): InputEntry | undefined {
    for (const { entry: e, base } of list) {
      if (e.only && !e.only(name)) continue;
      const rest = base === '' ? p : p.slice(base.length + 1);
      if (e.except?.some((x) => rest === x || rest.startsWith(`${x}/`))) continue;
      if (e.unless?.(p)) continue;
      return e;
    }
    return undefined;
  }

  private globClaim(p: string, certainty: InputEntry['certainty']): InputEntry | undefined {
    if (this.globs.length === 0) return undefined;
    const segs = p.split('/');
    return this.globs.find((g) => g.entry.certainty === certainty && g.test(segs))?.entry;
  }

  /** Why a folder at or above `p` is not needed, if the model says so. */
  notNeeded(p: string): NotNeeded | undefined {
    return this.unneeded.get(p) ?? this.view(parentOf(p)).notNeeded;
  }

  /** The entry that makes file `p` an input, or undefined when the build does not need it. */
  hit(p: string): InputHit | undefined {
    const dir = parentOf(p);
    return this.hitIn(dir, dir === '' ? p : p.slice(dir.length + 1), p);
  }

  /**
   * Whether no file at or below folder `dir` can be an input: the folder is not needed (or no
   * tree entry reaches it) and no file or glob entry lies below it. Its files need no lookup.
   */
  inert(dir: string): boolean {
    const v = this.view(dir);
    // A read wins over "not needed"; a maybe only where the folder is not known to be unneeded.
    if (v.reads.length > 0 || (!v.notNeeded && v.maybes.length > 0)) return false;
    return !this.below().has(dir);
  }

  private belowCache: Set<string> | undefined;

  /** Folders at or above some file or glob entry (its literal head): those must be walked file by file. */
  private below(): Set<string> {
    if (this.belowCache) return this.belowCache;
    const out = new Set<string>();
    const addUp = (p: string): void => {
      for (let d = p; d !== ''; d = parentOf(d)) out.add(d);
      out.add('');
    };
    for (const p of [...this.files.keys(), ...this.trees.keys()]) addUp(p);
    for (const g of this.globs) {
      const segs = g.entry.path.split('/');
      const cut = segs.findIndex((s) => /[*?[]/.test(s));
      addUp((cut < 0 ? segs : segs.slice(0, cut)).join('/'));
    }
    this.belowCache = out;
    return out;
  }

  /** The view of folder `dir`, for `hitIn` over each of its files (one lookup per folder, not per file). */
  folder(dir: string): FolderView {
    return this.view(dir);
  }

  /** `hit` for file `name` of folder `dir` (`p` their join); `v` is `folder(dir)` when the caller has it. */
  hitIn(dir: string, name: string, p: string, v: FolderView = this.view(dir)): InputHit | undefined {
    const files = this.files.get(p);
    const read =
      files?.find((e) => e.certainty === 'read') ?? this.treeClaim(v.reads, p, name) ?? this.globClaim(p, 'read');
    if (read) return { entry: read, path: p };
    if (v.notNeeded) return undefined;
    const maybe = files?.[0] ?? this.treeClaim(v.maybes, p, name) ?? this.globClaim(p, 'maybe');
    return maybe ? { entry: maybe, path: p } : undefined;
  }
}

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

const ancestors = (p: string): string[] => {
  const segs = p.split('/');
  return segs.map((_, i) => segs.slice(0, segs.length - i).join('/')).concat(['']);
};

export class InputIndex {
  private readonly files = new Map<string, InputEntry[]>();
  private readonly trees = new Map<string, InputEntry[]>();
  private readonly globs: Array<{ entry: InputEntry; test: (segs: string[]) => boolean }> = [];
  private readonly unneeded = new Map<string, NotNeeded>();

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

  /** The entries claiming file `p` (context path), `read` ones first. */
  private claims(p: string): InputEntry[] {
    const out = [...(this.files.get(p) ?? [])];
    const name = p.slice(p.lastIndexOf('/') + 1);
    for (const a of ancestors(p)) {
      for (const e of this.trees.get(a) ?? []) {
        if (e.only && !e.only(name)) continue;
        const rest = a === '' ? p : p.slice(a.length + 1);
        if (e.except?.some((x) => rest === x || rest.startsWith(`${x}/`))) continue;
        if (e.unless?.(p)) continue;
        out.push(e);
      }
    }
    if (this.globs.length > 0) {
      const segs = p.split('/');
      for (const g of this.globs) if (g.test(segs)) out.push(g.entry);
    }
    return out;
  }

  /** Why a folder at or above `p` is not needed, if the model says so. */
  notNeeded(p: string): NotNeeded | undefined {
    for (const a of ancestors(p)) {
      const n = this.unneeded.get(a);
      if (n) return n;
    }
    return undefined;
  }

  /** The entry that makes file `p` an input, or undefined when the build does not need it. */
  hit(p: string): InputHit | undefined {
    const claims = this.claims(p);
    const read = claims.find((e) => e.certainty === 'read');
    if (read) return { entry: read, path: p };
    if (claims.length === 0 || this.notNeeded(p)) return undefined;
    return { entry: claims[0]!, path: p };
  }
}

// make's variables: assignments (`=`, `:=`, `?=`, `+=`), references including computed names
// (`$(DOCKERFILE_$*)`), substitution references and the functions of makeFunctions.ts. A value
// make would get from the shell or from nowhere becomes an unresolved marker. Variables a
// caller passes (`make x VAR=v`) override the file's; its environment fills what `?=` leaves.
import { callFunction, type FunctionScope, substRef } from './makeFunctions';
import { unresolvedMarker } from './shellWords';

interface MakeVar {
  value: string;
  immediate: boolean;
  exported: boolean;
}

export interface MakeInputs extends FunctionScope {
  /** `make target VAR=value`: beats the file's own assignments. */
  cmdline?: Map<string, string>;
  /** `VAR=value make target`: used where the file leaves VAR unset or only `?=`. */
  env?: Map<string, string>;
}

const MAX_DEPTH = 16;
/** Expanded text longer than this is a generated list, not a command: left unknown. */
const MAX_TEXT = 65_536;
const NAME = /^[\w.-]+$/;

export class MakeVars {
  readonly vars = new Map<string, MakeVar>();

  constructor(readonly inputs: MakeInputs = {}) {}

  assign(name: string, op: string, raw: string, exported: boolean, override = false): void {
    if (this.inputs.cmdline?.has(name) && !override) return;
    const prev = this.vars.get(name);
    const keepExport = exported || (prev?.exported ?? false);
    if (op === '?=') {
      const env = this.inputs.env?.get(name);
      if (!prev) this.vars.set(name, { value: env ?? raw, immediate: env !== undefined, exported: keepExport });
      return;
    }
    if (op === '!=') {
      this.vars.set(name, { value: unresolvedMarker(name), immediate: true, exported: keepExport });
      return;
    }
    if (op === '+=' && prev) {
      const value = prev.immediate ? `${prev.value} ${this.expand(raw, 0)}` : `${prev.value} ${raw}`;
      this.vars.set(name, { value, immediate: prev.immediate, exported: keepExport });
      return;
    }
    const immediate = op !== '=' && op !== '+=';
    this.vars.set(name, { value: immediate ? named(name, this.expand(raw, 0)) : raw, immediate, exported: keepExport });
  }

  lookup(name: string, depth: number, auto: Map<string, string>): string {
    const a = auto.get(name) ?? this.inputs.cmdline?.get(name);
    if (a !== undefined) return a;
    const v = this.vars.get(name);
    if (!v) return this.inputs.env?.get(name) ?? builtin(name, this.inputs) ?? unresolvedMarker(name);
    return v.immediate ? v.value : named(name, this.expand(v.value, depth + 1, auto));
  }

  /** Expands make references in `text`; `$$` becomes the shell's `$`. */
  expand(text: string, depth: number, auto: Map<string, string> = new Map()): string {
    if (depth > MAX_DEPTH) return unresolvedMarker('recursion');
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c !== '$') {
        out += c;
        continue;
      }
      const next = text[i + 1];
      if (next === '$') {
        out += '$';
        i++;
      } else if (next === '(' || next === '{') {
        const end = matchingClose(text, i + 1);
        if (end < 0) return out + text.slice(i);
        out += this.reference(text.slice(i + 2, end), depth, auto);
        i = end;
      } else if (next !== undefined) {
        out += this.lookup(next, depth, auto);
        i++;
      }
      if (out.length > MAX_TEXT) return unresolvedMarker('overflow');
    }
    return out;
  }

  /** `$(inner)`: a variable, a function call, a substitution reference or a computed name. */
  private reference(inner: string, depth: number, auto: Map<string, string>): string {
    if (NAME.test(inner)) return this.lookup(inner, depth, auto);
    const fn = /^([a-z-]+)[ \t]+([\s\S]*)$/.exec(inner);
    if (fn) {
      const ex = (raw: string, bind?: Map<string, string>): string =>
        this.expand(raw, depth + 1, bind ? new Map([...auto, ...bind]) : auto);
      const v = callFunction(fn[1] as string, fn[2] as string, ex, this.inputs);
      return v ?? unresolvedMarker(fn[1] as string);
    }
    const colon = inner.indexOf(':');
    const [ref, sub] = [inner.slice(0, colon), inner.slice(colon + 1)];
    if (colon > 0 && sub.includes('=')) {
      const value = this.reference(ref as string, depth + 1, auto);
      const eq = sub.indexOf('=');
      return substRef(
        value,
        this.expand(sub.slice(0, eq), depth + 1, auto),
        this.expand(sub.slice(eq + 1), depth + 1, auto),
      );
    }
    const name = this.expand(inner, depth + 1, auto);
    return NAME.test(name) ? this.lookup(name, depth, auto) : unresolvedMarker(inner.replace(/\W/g, ''));
  }

  /** Names of defined variables starting with `prefix` and ending with `suffix`. */
  family(prefix: string, suffix: string): string[] {
    const out: string[] = [];
    for (const n of this.vars.keys())
      if (n.length > prefix.length + suffix.length && n.startsWith(prefix) && n.endsWith(suffix)) out.push(n);
    return out;
  }
}

function builtin(name: string, inputs: MakeInputs): string | undefined {
  if (name === 'MAKE') return 'make';
  if (name === 'CURDIR') return inputs.dir;
  return undefined;
}

// A value that is wholly unknown is reported under the variable's own name, so
// `CONTAINER_TOOL := $(shell command -v podman)` still reads as a container CLI; a partly
// known one (`cmd/$(COMPONENT)/Dockerfile`) keeps its text for a value learnt later.
function named(name: string, value: string): string {
  return /^@@BUILDCTX_UNRESOLVED_\w*@@$/.test(value.trim()) ? unresolvedMarker(name) : value;
}

function matchingClose(text: string, open: number): number {
  const o = text[open];
  const close = o === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === o) depth++;
    else if (text[i] === close && --depth === 0) return i;
  }
  return -1;
}

// Build commands in Makefiles. Make expands its own variables before the shell sees a recipe,
// so `$(CONTAINER_TOOL) build -f docker/$(SVC).Dockerfile .` is expanded here from the
// Makefile's assignments (`=`, `:=`, `?=`, `+=`); functions such as `$(shell ...)` and
// anything undefined become an unresolved marker, so the path is skipped rather than guessed.
import { unresolvedMarker, type Arg } from './shellWords';

export interface MakeRecipe {
  /** Recipe text as the shell receives it (continuation lines keep their `\` + newline). */
  text: string;
  /** 1-based line of the recipe's first line. */
  line: number;
  /** Variables exported to recipes (`export NAME = x`), for settings such as DOCKER_BUILDKIT. */
  env: Map<string, Arg>;
}

interface MakeVar {
  value: string;
  immediate: boolean;
  exported: boolean;
}

const ASSIGN = /^(?:(export|override)\s+)*([A-Za-z_][\w.-]*)\s*(\?=|::?=|:::=|\+=|!=|=)\s?(.*)$/;
const RULE = /^([^\t#:=][^:=]*?)\s*::?(?!=)(.*)$/;
const MAX_DEPTH = 16;

class MakeVars {
  readonly vars = new Map<string, MakeVar>();

  assign(name: string, op: string, raw: string, exported: boolean): void {
    const prev = this.vars.get(name);
    const keepExport = exported || (prev?.exported ?? false);
    if (op === '?=') {
      if (!prev) this.vars.set(name, { value: raw, immediate: false, exported: keepExport });
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
    const a = auto.get(name);
    if (a !== undefined) return a;
    const v = this.vars.get(name);
    if (!v) return unresolvedMarker(name);
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
        continue;
      }
      if (next === '(' || next === '{') {
        const end = matchingClose(text, i + 1);
        if (end < 0) {
          out += text.slice(i);
          break;
        }
        const inner = text.slice(i + 2, end);
        out += /^[\w.-]+$/.test(inner) ? this.lookup(inner, depth, auto) : unresolvedMarker(inner.split(/\s/)[0] ?? '');
        i = end;
        continue;
      }
      if (next !== undefined) {
        out += this.lookup(next, depth, auto);
        i++;
      }
    }
    return out;
  }
}

// An unknown one-word value is reported under the variable's own name, so
// `CONTAINER_TOOL := $(shell command -v podman)` still reads as a container CLI.
function named(name: string, value: string): string {
  return /@@BUILDCTX_UNRESOLVED_\w*@@/.test(value) && !/\s/.test(value.trim()) ? unresolvedMarker(name) : value;
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

/** Logical lines: a trailing `\` joins the next line; each keeps its 1-based start line. */
function logicalLines(text: string): Array<{ text: string; line: number; recipe: boolean }> {
  const raw = text.split(/\r?\n/);
  const out: Array<{ text: string; line: number; recipe: boolean }> = [];
  for (let i = 0; i < raw.length; i++) {
    const start = i;
    const recipe = (raw[i] ?? '').startsWith('\t');
    let cur = raw[i] ?? '';
    while (cur.endsWith('\\') && i + 1 < raw.length) {
      const next = raw[++i] ?? '';
      // Recipes keep `\`+newline for the shell (make drops one leading tab); other lines join with a space.
      cur = recipe
        ? `${cur}\n${next.startsWith('\t') ? next.slice(1) : next}`
        : `${cur.slice(0, -1)} ${next.trimStart()}`;
    }
    out.push({ text: cur, line: start + 1, recipe });
  }
  return out;
}

function autoVars(targets: string[]): Map<string, string> {
  const auto = new Map<string, string>();
  // `$@` is known only for a rule with one plain target; pattern rules stay unresolved.
  if (targets.length === 1 && !(targets[0] as string).includes('%')) auto.set('@', targets[0] as string);
  return auto;
}

/** The recipes of a Makefile, expanded; never throws. */
export function makeRecipes(text: string): MakeRecipe[] {
  const vars = new MakeVars();
  const recipes: MakeRecipe[] = [];
  let targets: string[] = [];
  let inDefine = false;
  for (const l of logicalLines(text)) {
    if (inDefine) {
      if (/^\s*endef\b/.test(l.text)) inDefine = false;
      continue;
    }
    if (l.recipe && targets.length > 0) {
      const body = vars.expand(l.text.slice(1).replace(/^[@+-]+/, ''), 0, autoVars(targets));
      recipes.push({ text: body, line: l.line, env: exported(vars) });
      continue;
    }
    const trimmed = l.text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (/^(override\s+)?define\b/.test(trimmed)) {
      inDefine = true;
      continue;
    }
    const a = ASSIGN.exec(trimmed);
    if (a) {
      vars.assign(
        a[2] as string,
        a[3] as string,
        stripComment(a[4] ?? ''),
        a[1] === 'export' || trimmed.startsWith('export'),
      );
      continue;
    }
    const r = RULE.exec(l.text);
    if (r) {
      targets = (r[1] as string).trim().split(/\s+/);
      const inline = (r[2] ?? '').split(';');
      if (inline.length > 1)
        recipes.push({
          text: vars.expand(inline.slice(1).join(';'), 0, autoVars(targets)),
          line: l.line,
          env: exported(vars),
        });
    }
  }
  return recipes;
}

function stripComment(v: string): string {
  const i = v.search(/(^|[^\\])#/);
  return (i < 0 ? v : v.slice(0, i + (v[i] === '#' ? 0 : 1))).trim();
}

function exported(vars: MakeVars): Map<string, Arg> {
  const env = new Map<string, Arg>();
  for (const [name, v] of vars.vars)
    if (v.exported && name === 'DOCKER_BUILDKIT') env.set(name, vars.lookup(name, 0, new Map()));
  return env;
}

// Build commands in Makefiles. Make expands its own variables before the shell sees a recipe,
// so `$(CONTAINER_TOOL) build -f docker/$(SVC).Dockerfile .` is expanded here with the values
// the whole file gives (makeVars.ts). A pattern rule runs once per stem something asks for: a
// member of the variable family its recipe reads (`$(DOCKERFILE_$*)`), a prerequisite or a
// static pattern rule's target, or a caller's goal; with none, its stem stays unknown.
import { MAX_MATCHES } from './repoFiles';
import { MakeVars, type MakeInputs } from './makeVars';
import { unresolvedMarker, type Arg } from './shellWords';

export interface MakeRecipe {
  /** Recipe text as the shell receives it (continuation lines keep their `\` + newline). */
  text: string;
  /** 1-based line of the recipe's first line. */
  line: number;
  /** Variables exported to recipes (`export NAME = x`), for settings such as DOCKER_BUILDKIT. */
  env: Map<string, Arg>;
  /** Values taken for this run of the recipe (`$*=api`), for provenance. */
  assumed?: string[];
}

interface Rule {
  targets: string[];
  /** A static pattern rule's target pattern (`$(IMAGES): image-%: ...`). */
  pattern?: string;
  prereqs: string[];
  recipe: Array<{ raw: string; line: number }>;
}

interface Run {
  rule: Rule;
  target?: string;
  stem?: string;
}

const ASSIGN = /^((?:(?:export|override)\s+)*)([A-Za-z_][\w.-]*)\s*(\?=|::?=|:::=|\+=|!=|=)\s?(.*)$/;
const RULE = /^([^\t#:=][^:=]*?)\s*::?(?!=)(.*)$/;
const KEEPS_RULE = /^\s*(#.*|(ifn?eq|ifn?def|else|endif)\b.*)?$/;
const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

function stemOf(pattern: string, target: string): string | undefined {
  const p = pattern.indexOf('%');
  const pre = pattern.slice(0, p);
  const suf = pattern.slice(p + 1);
  if (target.length <= pre.length + suf.length || !target.startsWith(pre) || !target.endsWith(suf)) return undefined;
  return target.slice(pre.length, target.length - suf.length);
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

function stripComment(v: string): string {
  const i = v.search(/(^|[^\\])#/);
  return (i < 0 ? v : v.slice(0, i + (v[i] === '#' ? 0 : 1))).trim();
}

/** `$(Q)docker build`: the recipe prefixes a variable gives are dropped too (an unknown value's marker is kept). */
const noPrefix = (text: string): string => (text.startsWith('@@BUILDCTX_') ? text : text.replace(/^[@+-]+/, ''));

/** Splits `pattern: prereqs` of a static pattern rule at its top-level colon. */
function staticPattern(rest: string): [string, string] | undefined {
  let depth = 0;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    else if (c === ':' && depth === 0 && rest[i + 1] !== '=') return [rest.slice(0, i).trim(), rest.slice(i + 1)];
  }
  return undefined;
}

export class MakeFile {
  readonly vars: MakeVars;
  readonly rules: Rule[] = [];

  constructor(text: string, inputs: MakeInputs = {}) {
    this.vars = new MakeVars(inputs);
    let rule: Rule | undefined;
    let inDefine = false;
    for (const l of logicalLines(text)) {
      if (inDefine) {
        if (/^\s*endef\b/.test(l.text)) inDefine = false;
      } else if (l.recipe && rule) rule.recipe.push({ raw: l.text.slice(1).replace(/^[@+-]+/, ''), line: l.line });
      else if (/^\s*(override\s+)?define\b/.test(l.text)) inDefine = true;
      // Blank lines, comments and conditionals inside a recipe do not end it.
      else if (!KEEPS_RULE.test(l.text)) rule = this.line(l.text, l.line);
    }
  }

  /** An assignment or a rule line; returns the rule whose recipe follows. */
  private line(text: string, line: number): Rule | undefined {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return undefined;
    const a = ASSIGN.exec(trimmed);
    if (a) {
      const mods = a[1] ?? '';
      this.vars.assign(
        a[2] as string,
        a[3] as string,
        stripComment(a[4] ?? ''),
        /export/.test(mods),
        /override/.test(mods),
      );
      return undefined;
    }
    const r = RULE.exec(text);
    if (!r) return undefined;
    const [deps, ...inline] = (r[2] ?? '').split(';');
    if (ASSIGN.test((deps ?? '').trim())) return undefined;
    const stat = staticPattern(deps ?? '');
    const rule: Rule = {
      targets: words(this.vars.expand(r[1] as string, 0)).slice(0, MAX_MATCHES),
      prereqs: words(this.vars.expand(stripComment(stat ? stat[1] : (deps ?? '')), 0)),
      recipe: inline.length > 0 ? [{ raw: inline.join(';'), line }] : [],
    };
    if (stat) rule.pattern = this.vars.expand(stat[0], 0).trim();
    this.rules.push(rule);
    return rule;
  }

  /** The runs make would do of every rule, as far as the file itself says. */
  recipes(): MakeRecipe[] {
    const asked = new Set(this.rules.flatMap((r) => r.prereqs));
    const out: MakeRecipe[] = [];
    for (const rule of this.rules) for (const run of this.runsOf(rule, asked)) out.push(...this.expand(run));
    return out;
  }

  /** The runs of `goals` and of their prerequisites, as `make goals` does them. */
  goalRecipes(goals: string[], assumed: string[]): MakeRecipe[] {
    const out: MakeRecipe[] = [];
    const seen = new Set<string>();
    const visit = (target: string, depth: number): void => {
      if (seen.has(target) || depth > 8 || seen.size > MAX_MATCHES) return;
      seen.add(target);
      const run = this.runFor(target);
      if (!run) return;
      for (const r of this.expand(run)) out.push({ ...r, assumed: [...(r.assumed ?? []), ...assumed] });
      for (const p of run.rule.prereqs) visit(p.replace('%', run.stem ?? '%'), depth + 1);
    };
    for (const g of goals.length > 0 ? goals : this.defaultGoal()) visit(g, 0);
    return out;
  }

  private defaultGoal(): string[] {
    const first = this.rules.flatMap((r) => r.targets).find((t) => !t.startsWith('.') && !t.includes('%'));
    return first ? [first] : [];
  }

  private runFor(target: string): Run | undefined {
    const explicit = this.rules.find((r) => r.recipe.length > 0 && !r.pattern && r.targets.includes(target));
    if (explicit) return { rule: explicit, target };
    for (const rule of this.rules) {
      const pattern = rule.pattern ?? rule.targets.find((t) => t.includes('%'));
      if (!pattern || rule.recipe.length === 0 || (rule.pattern && !rule.targets.includes(target))) continue;
      const stem = stemOf(pattern, target);
      if (stem !== undefined) return { rule, target, stem };
    }
    return undefined;
  }

  private runsOf(rule: Rule, asked: Set<string>): Run[] {
    if (rule.recipe.length === 0) return [];
    const pattern = rule.pattern ?? rule.targets.find((t) => t.includes('%'));
    if (!pattern) {
      const perTarget = rule.targets.length > 1 && rule.recipe.some((l) => /\$@|\$[({]@/.test(l.raw));
      return perTarget ? rule.targets.map((target) => ({ rule, target })) : [{ rule, target: rule.targets[0] }];
    }
    const stems = new Set<string>();
    const named = rule.pattern ? rule.targets : [...asked];
    for (const t of named) {
      const s = stemOf(pattern, t);
      if (s !== undefined && (rule.pattern || !this.hasOwnRecipe(t))) stems.add(s);
    }
    if (!rule.pattern) for (const s of this.familyStems(rule)) stems.add(s);
    if (stems.size === 0) return rule.pattern ? [] : [{ rule }];
    return [...stems].slice(0, MAX_MATCHES).map((stem) => ({ rule, target: pattern.replace('%', stem), stem }));
  }

  private hasOwnRecipe(target: string): boolean {
    return this.rules.some((r) => !r.pattern && r.recipe.length > 0 && r.targets.includes(target));
  }

  /** Stems naming a defined variable the recipe reads as `$(PREFIX$*SUFFIX)`. */
  private familyStems(rule: Rule): string[] {
    const out: string[] = [];
    for (const l of rule.recipe)
      for (const m of l.raw.matchAll(/\$[({]([\w.-]*)\$\*([\w.-]*)[)}]/g)) {
        const [pre, suf] = [m[1] as string, m[2] as string];
        for (const n of this.vars.family(pre, suf)) out.push(n.slice(pre.length, n.length - suf.length));
      }
    return out;
  }

  private expand(run: Run): MakeRecipe[] {
    const pattern = run.rule.pattern ?? run.rule.targets.find((t) => t.includes('%'));
    const stem = run.stem ?? (pattern ? unresolvedMarker('stem') : undefined);
    const auto = new Map<string, string>();
    const target = run.target ?? (pattern && stem !== undefined ? pattern.replace('%', stem) : undefined);
    if (target !== undefined) auto.set('@', target);
    if (stem !== undefined) auto.set('*', stem);
    const prereqs = run.rule.prereqs.map((p) => (stem === undefined ? p : p.replace('%', stem)));
    if (prereqs[0] !== undefined) auto.set('<', prereqs[0]);
    auto.set('^', prereqs.join(' '));
    const assumed = run.stem !== undefined ? [`$*=${run.stem}`] : undefined;
    return run.rule.recipe.map((l) => {
      const r: MakeRecipe = {
        text: noPrefix(this.vars.expand(l.raw, 0, auto)),
        line: l.line,
        env: this.exported(),
      };
      if (assumed) r.assumed = assumed;
      return r;
    });
  }

  private exported(): Map<string, Arg> {
    const env = new Map<string, Arg>();
    const v = this.vars.vars.get('DOCKER_BUILDKIT');
    if (v?.exported) env.set('DOCKER_BUILDKIT', this.vars.lookup('DOCKER_BUILDKIT', 0, new Map()));
    return env;
  }
}

/** The recipes of a Makefile, expanded; never throws. */
export function makeRecipes(text: string, inputs: MakeInputs = {}): MakeRecipe[] {
  return new MakeFile(text, inputs).recipes();
}

// `.buildctx.json`: the same keys as the `buildctx.*` settings (issue 3). Bad input never
// throws: each invalid key is reported and the default kept, so one typo does not
// silently turn every rule off.
import * as path from 'node:path';
import { BUILDERS, DEFAULT_SETTINGS, type Builder, type ContextMapping, type Settings, type Severity } from './types';
import type { FileAccess } from './types';

export const CONFIG_FILE = '.buildctx.json';
const LEVELS = new Set(['error', 'warning', 'info', 'hint', 'off']);

export interface ConfigResult {
  settings: Settings;
  /** Absolute path of the file read, or null when there is none. */
  file: string | null;
  /** One message per problem, e.g. `rules.foo: unknown rule`. */
  errors: string[];
}

type Checker = (value: unknown, out: Partial<Settings>, errors: string[], known?: ReadonlySet<string>) => void;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function byteCount(key: 'largeDirectory' | 'contextSizeWarning'): Checker {
  return (v, out, errors) => {
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[key] = v;
    else errors.push(`${key}: expected a non-negative number of bytes`);
  };
}

const CHECKERS: Record<keyof Settings, Checker> = {
  rules(v, out, errors, known) {
    if (!isObject(v)) {
      errors.push('rules: expected an object of rule id → error|warning|info|hint|off');
      return;
    }
    const rules: Record<string, Severity | 'off'> = {};
    for (const [id, level] of Object.entries(v)) {
      if (known && !known.has(id)) errors.push(`rules.${id}: unknown rule`);
      else if (typeof level !== 'string' || !LEVELS.has(level))
        errors.push(`rules.${id}: expected error, warning, info, hint or off`);
      else rules[id] = level as Severity | 'off';
    }
    out.rules = rules;
  },
  builder(v, out, errors) {
    if (typeof v === 'string' && (BUILDERS as readonly string[]).includes(v)) out.builder = v as Builder;
    else errors.push(`builder: expected one of ${BUILDERS.join(', ')}`);
  },
  contexts(v, out, errors) {
    if (!Array.isArray(v)) {
      errors.push('contexts: expected an array of {dockerfile, context}');
      return;
    }
    const list: ContextMapping[] = [];
    v.forEach((m, i) => {
      const ok =
        isObject(m) &&
        typeof m.dockerfile === 'string' &&
        typeof m.context === 'string' &&
        (m.builder === undefined || (BUILDERS as readonly unknown[]).includes(m.builder));
      if (!ok) errors.push(`contexts[${i}]: expected {dockerfile: glob, context: dir, builder?}`);
      else
        list.push({
          dockerfile: m.dockerfile as string,
          context: m.context as string,
          ...(m.builder ? { builder: m.builder as Builder } : {}),
        });
    });
    out.contexts = list;
  },
  largeDirectory: byteCount('largeDirectory'),
  contextSizeWarning: byteCount('contextSizeWarning'),
};

/** Validates parsed JSON; `known` lists the rule ids that exist, when the caller knows them. */
export function validateConfig(
  json: unknown,
  known?: ReadonlySet<string>,
): { settings: Partial<Settings>; errors: string[] } {
  const errors: string[] = [];
  const settings: Partial<Settings> = {};
  if (!isObject(json)) return { settings, errors: ['expected a JSON object'] };
  for (const [key, value] of Object.entries(json)) {
    if (key === '$schema') continue;
    const check = (CHECKERS as Record<string, Checker | undefined>)[key];
    if (!check) errors.push(`${key}: unknown key`);
    else check(value, settings, errors, known);
  }
  return { settings, errors };
}

export function parseConfig(
  text: string,
  known?: ReadonlySet<string>,
): { settings: Partial<Settings>; errors: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { settings: {}, errors: [`invalid JSON: ${(e as Error).message}`] };
  }
  return validateConfig(json, known);
}

/** Layers `over` on `base`; `rules` merge per id, the rest replace. */
export function mergeSettings(base: Settings, over: Partial<Settings>): Settings {
  return {
    ...base,
    ...over,
    rules: { ...base.rules, ...(over.rules ?? {}) },
    contexts: over.contexts ?? base.contexts,
  };
}

/** Reads `<root>/.buildctx.json` and merges it over the defaults. */
export function loadConfig(
  root: string,
  fs: FileAccess,
  known?: ReadonlySet<string>,
  base: Settings = DEFAULT_SETTINGS,
): ConfigResult {
  const file = path.join(root, CONFIG_FILE);
  const text = fs.readText(file);
  if (text === undefined) return { settings: base, file: null, errors: [] };
  const { settings, errors } = parseConfig(text, known);
  return { settings: mergeSettings(base, settings), file, errors: errors.map((e) => `${CONFIG_FILE}: ${e}`) };
}

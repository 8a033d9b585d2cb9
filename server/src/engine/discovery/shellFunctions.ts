// Shell functions a script defines and calls itself (`build_image api cmd/api`): a body that
// builds from "$1" is read again per call with the call's arguments (follow.ts), like a script
// called with arguments. Only functions worth it are listed, so other calls are never parsed.
import { POSITIONAL } from './callers';

export interface ShellFunction {
  /** 1-based line of the body's first line in the script. */
  line: number;
  body: string;
}

/** Most functions of one script whose calls are read: each call re-reads the body. */
const MAX_FUNCTIONS = 16;
const MAX_BODY_LINES = 300;
const DEF = /^([ \t]*)(?:function[ \t]+)?([A-Za-z_][\w-]*)[ \t]*(?:\([ \t]*\))?[ \t]*(\{)?[ \t]*$/;

/** Functions `name() {` ... `}` (brace back at the definition indent) that read $1..$9 and are `worth` it. */
export function shellFunctions(text: string, worth: (body: string) => boolean): Map<string, ShellFunction> {
  const out = new Map<string, ShellFunction>();
  if (!/\(\s*\)|\bfunction\b/.test(text)) return out;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && out.size < MAX_FUNCTIONS; i++) {
    const m = DEF.exec((lines[i] as string).replace(/\r$/, ''));
    if (!m || !(/\(/.test(lines[i] as string) || /^\s*function\b/.test(lines[i] as string))) continue;
    let start = i + 1;
    if (!m[3]) {
      if (!/^\s*\{\s*$/.test(lines[start] ?? '')) continue;
      start++;
    }
    const close = new RegExp(`^${m[1]}\\}\\s*$`);
    let end = start;
    while (end < lines.length && end - start < MAX_BODY_LINES && !close.test(lines[end] as string)) end++;
    if (end >= lines.length || !close.test(lines[end] as string)) continue;
    const body = lines.slice(start, end).join('\n');
    if (POSITIONAL.test(body) && worth(body)) out.set(m[2] as string, { line: start + 1, body });
    i = end;
  }
  return out;
}

/** Lines that call one of the functions (not their definitions), or the wanted `other` lines. */
export function withFunctionCalls(
  other: RegExp | undefined,
  functions: Map<string, ShellFunction>,
): RegExp | undefined {
  if (functions.size === 0) return other;
  const names = [...functions.keys()].map((n) => n.replace(/[-]/g, '\\-')).join('|');
  const calls = String.raw`(?:^|[;&|]|\b(?:do|then|else))[ \t]*(?:${names})(?=[ \t]|$)`;
  return new RegExp(other ? `${other.source}|${calls}` : calls, 'm');
}

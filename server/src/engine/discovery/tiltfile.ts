// Tiltfile `docker_build(ref, context, dockerfile=...)` calls (issue 15), and the
// `docker_build_with_restart` extension with the same arguments. Tilt resolves both paths
// against the Tiltfile's folder, and the Dockerfile defaults to `<context>/Dockerfile`. Only
// string literals are read: a path computed in Starlark is skipped, never guessed. Commands the
// Tiltfile runs (`local('docker build ...')`) are read as in any other source file.
import * as path from 'node:path';
import type { FileAccess } from '../types';
import { isRemoteContext } from './resolve';
import { sourceBuilds } from './scripts';
import type { FoundBuild } from './sites';

const CALL = /(?<![\w.])docker_build(?:_with_restart)?\s*\(/g;
const KEYWORD = /^\s*([A-Za-z_]\w*)\s*=(?!=)([\s\S]*)$/;
const STRING = /^\s*[rR]?(?:"([^"\\\n]*)"|'([^'\\\n]*)')\s*$/;

interface Args {
  positional: string[];
  keyword: Map<string, string>;
}

/** The length of a string literal starting at `i` (single, double or triple quoted). */
function stringEnd(text: string, i: number): number {
  const q = text[i] as string;
  const triple = text.startsWith(q.repeat(3), i);
  const close = triple ? q.repeat(3) : q;
  for (let j = i + close.length; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text.startsWith(close, j)) return j + close.length;
    else if (!triple && text[j] === '\n') return j;
  }
  return text.length;
}

/** The call's top-level arguments as written (comments left out), from after its `(` to its `)`. */
function argumentsAt(text: string, start: number): Args | undefined {
  const out: Args = { positional: [], keyword: new Map() };
  let depth = 0;
  let arg = '';
  for (let i = start; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"' || c === "'") {
      const end = stringEnd(text, i);
      arg += text.slice(i, end);
      i = end - 1;
      continue;
    }
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl - 1;
      continue;
    }
    if ((c === ')' && depth === 0) || (c === ',' && depth === 0)) {
      const kw = KEYWORD.exec(arg);
      if (kw) out.keyword.set(kw[1] as string, kw[2] as string);
      else if (arg.trim() !== '') out.positional.push(arg);
      if (c === ')') return out;
      arg = '';
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    arg += c;
  }
  return undefined;
}

const literal = (arg: string | undefined): string | undefined => {
  const m = arg === undefined ? null : STRING.exec(arg);
  return m ? (m[1] ?? m[2]) : undefined;
};

function callBuild(args: Args, at: { file: string; line: number; fs: FileAccess }): FoundBuild | undefined {
  const ref = literal(args.positional[0] ?? args.keyword.get('ref'));
  const context = literal(args.positional[1] ?? args.keyword.get('context'));
  const written = args.keyword.get('dockerfile');
  const file = literal(written);
  if (context === undefined || isRemoteContext(context) || (written !== undefined && file === undefined))
    return undefined;
  if (args.keyword.has('dockerfile_contents')) return undefined;
  const dir = path.dirname(at.file);
  const contextDir = path.resolve(dir, context);
  const dockerfile = file === undefined ? path.join(contextDir, 'Dockerfile') : path.resolve(dir, file);
  if (!at.fs.exists(dockerfile)) return undefined;
  const b: FoundBuild = {
    source: 'script',
    file: at.file,
    line: at.line,
    tool: 'tilt',
    dockerfile,
    contextDir,
    noCache: false,
    isSite: true,
  };
  if (ref !== undefined) b.tag = ref;
  const target = literal(args.keyword.get('target'));
  if (target !== undefined) b.target = target;
  const filters = ['only', 'ignore'].filter((k) => args.keyword.has(k));
  // Tilt leaves out of the context what these exclude, which the ignore file does not show.
  if (filters.length > 0) b.contextFilter = filters.map((f) => `${f}=${args.keyword.get(f)}`).join(' ');
  if (filters.length > 0)
    b.note = `${filters.map((f) => `${f}=`).join(' and ')} narrow${filters.length > 1 ? '' : 's'} what Tilt sends`;
  return b;
}

export function tiltfileBuilds(file: string, text: string, root: string, fs: FileAccess): FoundBuild[] {
  const out: FoundBuild[] = [];
  for (const m of text.matchAll(CALL)) {
    const start = m.index ?? 0;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    if (text.slice(lineStart, start).includes('#')) continue;
    const args = argumentsAt(text, start + m[0].length);
    const line = text.slice(0, start).split('\n').length;
    const b = args && callBuild(args, { file, line, fs });
    if (b) out.push(b);
  }
  const seen = new Set(out.map((b) => b.line));
  for (const b of sourceBuilds(file, text, root, fs, 'script')) if (!seen.has(b.line)) out.push(b);
  return out.sort((a, b) => a.line - b.line);
}

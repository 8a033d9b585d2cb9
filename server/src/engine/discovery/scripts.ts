// Build commands in Makefiles, shell scripts and source files of any language. Shell text is
// parsed as shell; other languages are searched for a build command inside a string literal
// (`"docker build -f x ."`) or spelled as an argument list (`"podman", "build", "-f", p, "."`).
import * as path from 'node:path';
import type { FileAccess } from '../types';
import { parseBuildCommand } from './command';
import { MakeFile } from './makefile';
import type { RepoIndex } from './repoFiles';
import { BUILD_COMMAND, scanShell, unresolvedMarker, type Arg } from './shellWords';
import { ancestors, buildsFromCalls, fromParsed, relLabel, type FoundBuild } from './sites';
import { type CopiedDockerfile, copiedDockerfiles, withCopies } from './copiedDockerfiles';
import type { CandidateSource } from './types';
import { shellFunctions, withFunctionCalls } from './shellFunctions';

/** Cheap pre-check: text that cannot hold a build command is not parsed at all. */
export const MAY_BUILD = /\b(build|bud)\b/;

export function makefileBuilds(
  file: string,
  text: string,
  root: string,
  fs: FileAccess,
  repo?: RepoIndex,
): FoundBuild[] {
  if (!MAY_BUILD.test(text) && !repo?.sink?.line.test(text)) return [];
  const dir = repo?.includedFrom?.get(file) ?? path.dirname(file);
  const out: FoundBuild[] = [];
  const recipes = new MakeFile(text, { dir, files: repo?.files }).recipes();
  const copies = copiedDockerfiles(recipes, dir, relLabel(file, root), fs);
  const seen = withCopies(fs, copies);
  for (const r of recipes) {
    if (!MAY_BUILD.test(r.text) && !repo?.sink?.line.test(r.text)) continue;
    const ctx = { file, lineOffset: r.line, source: 'script' as const, root, fs: seen, dockerfiles: repo?.dockerfiles };
    const calls = scanShell(r.text, { cwd: dir, env: r.env, callLine: repo?.sink?.line });
    repo?.sink?.add(calls ?? [], { file, lineOffset: r.line, bases: [dir] });
    if (calls) out.push(...buildsFromCalls(calls, r.assumed ? { ...ctx, assumed: r.assumed } : ctx, [dir]));
    else out.push(...lineScan(r.text, ctx, [dir]));
  }
  return copies.size === 0 ? out : out.map((b) => backToSource(b, copies));
}

function backToSource(b: FoundBuild, copies: Map<string, CopiedDockerfile>): FoundBuild {
  const c = copies.get(b.dockerfile);
  return c ? { ...b, dockerfile: c.source, note: c.note } : b;
}

export function shellBuilds(
  file: string,
  text: string,
  root: string,
  fs: FileAccess,
  source: CandidateSource = 'script',
  repo?: RepoIndex,
): FoundBuild[] {
  if (!MAY_BUILD.test(text) && !repo?.sink?.line.test(text)) return [];
  const dir = path.dirname(file);
  const bases = ancestors(dir, root);
  const sink = repo?.sink;
  const functions = sink ? shellFunctions(text, (body) => MAY_BUILD.test(body) || sink.line.test(body)) : new Map();
  const calls = scanShell(text, { scriptDir: dir, callLine: withFunctionCalls(sink?.line, functions) });
  sink?.add(calls ?? [], { file, lineOffset: 1, bases, functions: new Set(functions.keys()) });
  const ctx = { file, lineOffset: 1, source, root, fs, dockerfiles: repo?.dockerfiles };
  return calls ? buildsFromCalls(calls, ctx, bases) : lineScan(text, ctx, bases);
}

/** Any other file: shebang scripts as shell; otherwise command strings and argument lists. */
export function sourceBuilds(
  file: string,
  text: string,
  root: string,
  fs: FileAccess,
  source: CandidateSource,
  repo?: RepoIndex,
): FoundBuild[] {
  if (!MAY_BUILD.test(text)) return [];
  if (/^#!.*\b(ba|da|k|z)?sh\b/.test(text)) return shellBuilds(file, text, root, fs, source, repo);
  const bases = ancestors(path.dirname(file), root);
  const ctx = { file, lineOffset: 1, source, root, fs };
  const out = lineScan(text, ctx, bases);
  const seen = new Set(out.map((b) => b.line));
  for (const b of arrayScan(text, ctx, bases)) if (!seen.has(b.line)) out.push(b);
  return out.sort((a, b) => a.line - b.line);
}

interface ScanCtx {
  file: string;
  lineOffset: number;
  source: CandidateSource;
  root: string;
  fs: FileAccess;
}

const COMMAND_START = new RegExp(BUILD_COMMAND.source, 'g');

const COMMENT_PREFIX = /^\s*(\/\/|\/\*|\*|#|--|;|REM\b|::|<!--)/i;

/** Finds command lines in arbitrary text and parses each from its start to its end. */
export function lineScan(text: string, ctx: ScanCtx, bases: string[]): FoundBuild[] {
  const out: FoundBuild[] = [];
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  for (const m of text.matchAll(COMMAND_START)) {
    const start = m.index ?? 0;
    const line = upperBound(lineStarts, start);
    // A command quoted in a comment documents a build; it does not run one.
    if (COMMENT_PREFIX.test(text.slice(lineStarts[line - 1] ?? 0, start))) continue;
    const segment = commandSegment(text, start, lineStarts[line - 1] ?? 0);
    // Other languages interpolate with `${expr}` that sh rejects (`${env.BUILD_ID}`): unknown values.
    const calls =
      scanShell(segment) ?? scanShell(segment.replace(/\$\{[^}]*\}/g, (e) => unresolvedMarker(e.replace(/\W/g, ''))));
    if (!calls) continue;
    for (const call of calls) {
      const parsed = parseBuildCommand(call.args, call.env);
      if (!parsed) continue;
      const b = fromParsed(parsed, bases, {
        file: ctx.file,
        line: ctx.lineOffset + line - 1 + call.line - 1,
        source: ctx.source,
        fs: ctx.fs,
      });
      if (b) out.push(b);
      break;
    }
  }
  return out;
}

function upperBound(starts: number[], offset: number): number {
  let lo = 0,
    hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The command text starting at `start`: to the end of the line and its `\` continuations, or
 * to the closing quote when the command sits inside a string literal opened earlier on the line.
 */
function commandSegment(text: string, start: number, lineStart: number): string {
  const quote = openQuote(text.slice(lineStart, start));
  let end = start;
  for (;;) {
    const nl = text.indexOf('\n', end);
    const stop = nl < 0 ? text.length : nl;
    if (quote) {
      const close = findClose(text, start, stop, quote);
      if (close >= 0) return text.slice(start, close);
    }
    if (!/\\\r?$/.test(text.slice(end, stop)) || nl < 0) return text.slice(start, stop).replace(/\r$/, '');
    end = nl + 1;
  }
}

function openQuote(prefix: string): string | undefined {
  let open: string | undefined;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i] as string;
    if (c === '\\') {
      i++;
      continue;
    }
    if (open) {
      if (c === open) open = undefined;
    } else if (c === '"' || c === "'" || c === '`') open = c;
  }
  return open;
}

function findClose(text: string, from: number, to: number, quote: string): number {
  for (let i = from; i < to; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === quote) return i;
  }
  return -1;
}

const ITEM = /\s*(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`([^`$\n]*)`|([A-Za-z_][\w.]*))\s*/y;
const BUILD_LITERAL = /(["'`])(build|bud)\1/g;

/** Argument lists: the items around a `"build"` literal, separated by commas. */
export function arrayScan(text: string, ctx: ScanCtx, bases: string[]): FoundBuild[] {
  const out: FoundBuild[] = [];
  for (const m of text.matchAll(BUILD_LITERAL)) {
    const at = m.index ?? 0;
    const before = itemsBefore(text, at, 3);
    const after = itemsAfter(text, at, 40);
    const args: Arg[] = [...before.map((it) => evaluate(it, text)), ...after.map((it) => evaluate(it, text))];
    const first = before[0]?.offset ?? at;
    if (COMMENT_PREFIX.test(text.slice(text.lastIndexOf('\n', first - 1) + 1, first))) continue;
    const parsed = parseBuildCommand(args);
    if (!parsed) continue;
    const line = text.slice(0, first).split('\n').length;
    const b = fromParsed(parsed, bases, {
      file: ctx.file,
      line: ctx.lineOffset + line - 1,
      source: ctx.source,
      fs: ctx.fs,
    });
    if (b) out.push(b);
  }
  return out;
}

interface Item {
  value?: string;
  ident?: string;
  offset: number;
}

function readItem(text: string, at: number): { item: Item; end: number } | undefined {
  ITEM.lastIndex = at;
  const m = ITEM.exec(text);
  if (!m) return undefined;
  const lit = m[1] ?? m[2] ?? m[3];
  const item: Item =
    lit !== undefined ? { value: lit.replace(/\\(.)/g, '$1'), offset: at } : { ident: m[4] as string, offset: at };
  return { item, end: ITEM.lastIndex };
}

/** Up to `max` items after the `"build"` literal (inclusive), stopping at anything else. */
function itemsAfter(text: string, at: number, max: number): Item[] {
  const items: Item[] = [];
  let pos = at;
  while (items.length < max) {
    const r = readItem(text, pos);
    if (!r) break;
    items.push(r.item);
    if (text[r.end] !== ',') break;
    pos = r.end + 1;
  }
  return items;
}

/** Up to `max` items before `at`, each followed by a comma. */
function itemsBefore(text: string, at: number, max: number): Item[] {
  const items: Item[] = [];
  let end = at;
  while (items.length < max) {
    const comma = /,\s*$/.exec(text.slice(Math.max(0, end - 200), end));
    if (!comma) break;
    const commaAt = end - comma[0].length;
    const m = /(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|([A-Za-z_][\w.]*))\s*$/.exec(
      text.slice(Math.max(0, commaAt - 300), commaAt),
    );
    if (!m) break;
    const offset = commaAt - m[0].length;
    const lit = m[1] ?? m[2];
    items.unshift(lit !== undefined ? { value: lit, offset } : { ident: m[3] as string, offset });
    end = offset;
  }
  return items;
}

/** A literal's value; an identifier's value only when the file assigns it one literal, once. */
function evaluate(item: Item, text: string): Arg {
  if (item.value !== undefined) return item.value;
  const name = item.ident as string;
  const esc = name.replace(/[.]/g, '\\.');
  const defs = [...text.matchAll(new RegExp(`(?:^|[^\\w.])${esc}\\s*(?::=|=)\\s*(["'\`])([^"'\`\\n]*)\\1`, 'g'))];
  if (defs.length === 1) return (defs[0] as RegExpMatchArray)[2] as string;
  return { unresolved: name.slice(name.lastIndexOf('.') + 1) };
}

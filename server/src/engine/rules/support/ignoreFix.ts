// Fixes that add exclusions to the ignore file a build uses, or create `.dockerignore` when the
// build has none. Patterns already written in the file are not added again, so applying the same
// fix twice (or fixes from several findings) never duplicates a line.
import * as path from 'node:path';
import { appendLines } from '../../edits';
import type { Fix } from '../../types';
import type { BuildInfo, FileAccess } from '../types';

/** The comparable form of a pattern line: trimmed, one leading '/' and trailing '/'s dropped. */
export function patternKey(line: string): string {
  return line
    .trim()
    .replace(/^\/(?!\/)/, '')
    .replace(/\/+$/, '');
}

/** Keys of the patterns written in an ignore file's text (comments and blank lines skipped). */
export function writtenPatterns(text: string | undefined): Set<string> {
  const keys = new Set<string>();
  if (text === undefined) return keys;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (raw.startsWith('#') || raw.trim() === '') continue;
    keys.add(patternKey(raw));
  }
  return keys;
}

/** The ignore file a build reads, or the one a fix creates for it. */
export function ignoreTarget(build: BuildInfo): { file: string; exists: boolean } {
  return build.ignoreFile
    ? { file: build.ignoreFile, exists: true }
    : { file: build.ignoreFileToCreate, exists: false };
}

export function displayName(build: BuildInfo, file: string): string {
  const rel = path.relative(build.contextDir, file).split(path.sep).join('/');
  return rel && !rel.startsWith('..') ? rel : path.basename(file);
}

/**
 * A fix appending `patterns` (and optional comment lines before them) to the build's ignore file,
 * or null when every pattern is already written there.
 */
export function excludeFix(
  build: BuildInfo,
  fs: FileAccess,
  patterns: string[],
  opts: { safe: boolean; comment?: string; title?: string },
): Fix | null {
  const target = ignoreTarget(build);
  const text = target.exists ? fs.readText(target.file) : undefined;
  const written = writtenPatterns(text);
  const missing: string[] = [];
  for (const p of patterns) {
    const key = patternKey(p);
    if (written.has(key) || missing.some((m) => patternKey(m) === key)) continue;
    missing.push(p);
  }
  if (missing.length === 0) return null;
  const name = displayName(build, target.file);
  const shown = missing.length <= 3 ? missing.map((p) => `\`${p}\``).join(', ') : `${missing.length} patterns`;
  const title = opts.title ?? (text === undefined ? `Create ${name} excluding ${shown}` : `Add ${shown} to ${name}`);
  const lines = opts.comment ? [`# ${opts.comment}`, ...missing] : missing;
  return { title, edits: [appendLines(target.file, text, lines)], safe: opts.safe, preferred: opts.safe };
}

/** Escapes a literal relative path so Docker's matcher reads it as that exact path; null if it cannot. */
export function literalPattern(relPath: string): string | null {
  // Docker's '\' is a regexp escape on Linux, and a leading '#' or '!' or surrounding spaces change a line's meaning.
  if (/[\\\r\n]/.test(relPath) || /^[#!]/.test(relPath) || relPath.trim() !== relPath) return null;
  // Once escaped, the pattern is compiled as a regexp in which Docker leaves '^' unescaped.
  if (/[*?[\]]/.test(relPath) && relPath.includes('^')) return null;
  return relPath.replace(/[*?[\]]/g, (c) => `\\${c}`);
}

// What the YAML readers of build definitions share: the parser, loaded on first use (a
// repository without such a file never initialises it; esbuild keeps a call-site require
// lazy), each document of a file, and a node's value and line.
import type { Document, LineCounter } from 'yaml';

export const yaml = (): typeof import('yaml') => require('yaml') as typeof import('yaml');

export function str(node: unknown): string | undefined {
  return yaml().isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

/** The documents of a (multi-document) YAML text that parse; `<<` merge keys are applied. */
export function documents(text: string): { docs: Document[]; lines: LineCounter } {
  const lines = new (yaml().LineCounter)();
  const all = yaml().parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false, merge: true });
  const docs = Array.isArray(all) ? all.filter((d) => d.errors.length === 0) : [];
  return { docs, lines };
}

/** 1-based line where `node` starts (1 when it has no position). */
export function lineOf(node: unknown, lines: LineCounter): number {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return lines.linePos(range?.[0] ?? 0).line;
}

// The layering of issue 12, checked on every run: no import cycle between files or between
// engine folders, a pure engine (no editor API), and a client that reaches into the server
// only through the protocol module. Imports come from TypeScript's own pre-processor, so
// comments and strings never count; `import type` counts, because a type cycle is a cycle
// of meaning even when esbuild erases it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const ENGINE = path.join(ROOT, 'server/src/engine');

function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (/\.ts$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function resolveSpecifier(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const p of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(p) && fs.statSync(p).isFile()) return p;
  }
  const json = spec.endsWith('.json') && fs.existsSync(base);
  assert.ok(json, `${path.relative(ROOT, from)} imports ${spec}, which resolves to no file`);
  return null;
}

interface Imports {
  local: Map<string, string[]>;
  bare: Map<string, string[]>;
}

function importsOf(files: string[]): Imports {
  const local = new Map<string, string[]>();
  const bare = new Map<string, string[]>();
  for (const f of files) {
    const info = ts.preProcessFile(fs.readFileSync(f, 'utf8'), true, true);
    const specs = info.importedFiles.map((i) => i.fileName);
    local.set(
      f,
      specs.flatMap((s) => resolveSpecifier(f, s) ?? []),
    );
    bare.set(
      f,
      specs.filter((s) => !s.startsWith('.')),
    );
  }
  return { local, bare };
}

/** Every cycle's smallest member set, found with Tarjan's strongly connected components. */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      on.delete(w);
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

const files = [...sources(path.join(ROOT, 'server/src')), ...sources(path.join(ROOT, 'client/src'))];
const { local, bare } = importsOf(files);
const rel = (p: string): string => path.relative(ROOT, p);

test('no import cycle between files', () => {
  assert.deepEqual(
    cycles(local).map((c) => c.map(rel)),
    [],
  );
});

/** An engine file's folder: the first level under engine/, or "(engine root)" for files directly in it. */
function engineFolder(file: string): string {
  const parts = path.relative(ENGINE, file).split(path.sep);
  return parts.length === 1 ? '(engine root)' : parts[0]!;
}

test('no import cycle between engine folders', () => {
  const graph = new Map<string, string[]>();
  for (const [f, deps] of local) {
    if (!f.startsWith(ENGINE + path.sep)) continue;
    const from = engineFolder(f);
    const to = deps
      .filter((d) => d.startsWith(ENGINE + path.sep))
      .map(engineFolder)
      .filter((d) => d !== from);
    graph.set(from, [...new Set([...(graph.get(from) ?? []), ...to])]);
  }
  assert.ok(graph.size >= 8, `only ${graph.size} engine folders found: is ENGINE right?`);
  assert.deepEqual(cycles(graph), []);
});

test('the engine is pure: no editor or language-server API, no server or client code', () => {
  const bad: string[] = [];
  for (const f of files.filter((x) => x.startsWith(ENGINE + path.sep))) {
    for (const s of bare.get(f) ?? [])
      if (/^vscode($|-languageserver|-languageclient)/.test(s)) bad.push(`${rel(f)} → ${s}`);
    for (const d of local.get(f) ?? []) if (!d.startsWith(ENGINE + path.sep)) bad.push(`${rel(f)} → ${rel(d)}`);
  }
  assert.deepEqual(bad, []);
});

test('the client reaches into the server only through server/src/protocol.ts', () => {
  const protocol = path.join(ROOT, 'server/src/protocol.ts');
  const bad: string[] = [];
  for (const f of files.filter((x) => x.startsWith(path.join(ROOT, 'client/src') + path.sep))) {
    for (const d of local.get(f) ?? [])
      if (d.startsWith(path.join(ROOT, 'server')) && d !== protocol) bad.push(`${rel(f)} → ${rel(d)}`);
  }
  assert.deepEqual(bad, []);
});

test('the cycle finder finds a cycle: a → b → c → a, and a self-import', () => {
  const g = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
    ['d', ['d']],
    ['e', ['a']],
  ]);
  assert.deepEqual(cycles(g), [['a', 'b', 'c'], ['d']]);
});

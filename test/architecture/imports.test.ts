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

/** The file a relative specifier names: `x`, `x.ts` or `x/index.ts`; undefined when none exists. */
function resolveSpecifier(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  for (const p of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(p) && fs.statSync(p).isFile()) return p;
  }
  return undefined;
}

interface Imports {
  local: Map<string, string[]>;
  bare: Map<string, string[]>;
  /** "file → specifier" for relative imports that name no file: an edge the graph would miss. */
  unresolved: string[];
}

function importsOf(files: string[]): Imports {
  const local = new Map<string, string[]>();
  const bare = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const f of files) {
    const info = ts.preProcessFile(fs.readFileSync(f, 'utf8'), true, true);
    const specs = info.importedFiles.map((i) => i.fileName);
    const relative = specs.filter((s) => s.startsWith('.'));
    const resolved = relative.map((s) => resolveSpecifier(f, s));
    relative.forEach((s, i) => {
      if (resolved[i] === undefined) unresolved.push(`${path.relative(ROOT, f)} → ${s}`);
    });
    local.set(
      f,
      resolved.filter((r): r is string => r !== undefined),
    );
    bare.set(
      f,
      specs.filter((s) => !s.startsWith('.')),
    );
  }
  return { local, bare, unresolved };
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

/**
 * One import chain through a cycle's members, from its first member back to it ("a → b → a"):
 * a set of ten files says there is a cycle, a chain says which import to cut.
 */
function chain(graph: Map<string, string[]>, members: string[]): string[] {
  const start = members[0]!;
  const inCycle = new Set(members);
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length && !cameFrom.has(start); i++) {
    for (const w of graph.get(queue[i]!) ?? []) {
      if (!inCycle.has(w) || cameFrom.has(w)) continue;
      cameFrom.set(w, queue[i]!);
      queue.push(w);
    }
  }
  const back = [start];
  for (let v = cameFrom.get(start)!; v !== start; v = cameFrom.get(v)!) back.unshift(v);
  return [start, ...back];
}

const files = [...sources(path.join(ROOT, 'server/src')), ...sources(path.join(ROOT, 'client/src'))];
const { local, bare, unresolved } = importsOf(files);
const rel = (p: string): string => path.relative(ROOT, p);

test('every relative import names a file the walk can follow', () => {
  assert.ok(files.length > 100, `only ${files.length} source files found: is ROOT right?`);
  assert.deepEqual(unresolved, []);
});

test('no import cycle between files', () => {
  const found = cycles(local).map((c) => chain(local, c).map(rel).join(' → '));
  assert.deepEqual(found, []);
});

/** An engine file's folder: the first level under engine/, or "(engine root)" for files directly in it. */
function engineFolder(file: string): string {
  const parts = path.relative(ENGINE, file).split(path.sep);
  return parts.length === 1 ? '(engine root)' : parts[0]!;
}

test('no import cycle between engine folders', () => {
  const graph = new Map<string, string[]>();
  // One file import behind each folder edge, so a failure names the import to move.
  const witness = new Map<string, string>();
  for (const [f, deps] of local) {
    if (!f.startsWith(ENGINE + path.sep)) continue;
    const from = engineFolder(f);
    const to = new Set(graph.get(from));
    for (const d of deps.filter((x) => x.startsWith(ENGINE + path.sep))) {
      const folder = engineFolder(d);
      if (folder === from) continue;
      to.add(folder);
      if (!witness.has(`${from}|${folder}`)) witness.set(`${from}|${folder}`, `${rel(f)} → ${rel(d)}`);
    }
    graph.set(from, [...to]);
  }
  assert.ok(graph.size >= 8, `only ${graph.size} engine folders found: is ENGINE right?`);
  const named = (c: string[]): string[] => {
    const steps = chain(graph, c);
    return steps.slice(1).map((to, i) => `${steps[i]} → ${to} (${witness.get(`${steps[i]}|${to}`)})`);
  };
  assert.deepEqual(cycles(graph).map(named), []);
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
  assert.deepEqual(
    cycles(g).map((c) => chain(g, c).join(' → ')),
    ['a → b → c → a', 'd → d'],
  );
});

test('a cycle is named by its shortest chain back to its first member', () => {
  const g = new Map([
    ['a', ['x', 'b']],
    ['x', ['y']],
    ['y', ['a']],
    ['b', ['a']],
  ]);
  assert.deepEqual(chain(g, cycles(g)[0]!), ['a', 'b', 'a']);
});

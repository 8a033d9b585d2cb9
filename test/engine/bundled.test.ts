// The code-cached loader of shipped bundles (engine/bundled.ts): whatever state its cache is in,
// a bundle loads as plain `require` would load it, and the cache is used only for these bytes.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeCachePath, requireBundle } from '../../server/src/engine/bundled';

// tsx turns source maps on, and with them the loader steps aside for plain require; these
// tests are about the cached path (one test turns them back on).
process.setSourceMapsEnabled(false);

const dirs: string[] = [];
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function bundle(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-bundle-'));
  dirs.push(dir);
  const file = path.join(dir, 'b.js');
  fs.writeFileSync(file, text);
  return file;
}
const cacheOf = (file: string): string => codeCachePath(file, fs.readFileSync(file))!;
const caches = (file: string): string[] => fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.cache'));

test('a bundle loads with CommonJS scope (this, require relative to it, __dirname) and leaves its cache', () => {
  const file = bundle(
    "'use strict';\nconst s = require('./sibling');\nmodule.exports = { s, dir: __dirname, self: this === exports };\n",
  );
  fs.writeFileSync(path.join(path.dirname(file), 'sibling.js'), "module.exports = 'next door';\n");
  assert.deepEqual(requireBundle(file), { s: 'next door', dir: path.dirname(file), self: true });
  assert.ok(fs.statSync(cacheOf(file)).size > 0);
  assert.deepEqual(caches(file), [path.basename(cacheOf(file))]);
});

test('an accepted cache is read, not rewritten', () => {
  const file = bundle('module.exports = [1, 2, 3].map((x) => x * 2);\n');
  requireBundle(file);
  const before = fs.statSync(cacheOf(file));
  assert.deepEqual(requireBundle(file), [2, 4, 6]);
  assert.equal(fs.statSync(cacheOf(file)).ino, before.ino);
});

test('a corrupt cache is rejected: the bundle still loads, and the cache is written anew', () => {
  const file = bundle("module.exports = 'fine';\n");
  fs.writeFileSync(cacheOf(file), Buffer.alloc(4096, 7));
  assert.equal(requireBundle(file), 'fine');
  assert.notDeepEqual(fs.readFileSync(cacheOf(file)), Buffer.alloc(4096, 7));
});

test('a rebuilt bundle of the same length runs its new code (V8 alone would run the old)', () => {
  const file = bundle("module.exports = 'aaa';\n");
  assert.equal(requireBundle(file), 'aaa');
  const stamp = fs.statSync(file).mtime;
  fs.writeFileSync(file, "module.exports = 'bbb';\n");
  fs.utimesSync(file, stamp, stamp); // as npm leaves every file: the same mtime
  assert.equal(requireBundle(file), 'bbb');
  assert.equal(caches(file).length, 2);
});

test("a bundle stamped by esbuild.mjs is keyed by its stamp; an unstamped one by its bytes' hash", () => {
  const stamp = 'ab'.repeat(16);
  const stamped = bundle(`module.exports = 1;\n//# bundleHash=${stamp}\n`);
  const plain = bundle('module.exports = 1;\n');
  assert.match(path.basename(cacheOf(stamped)), new RegExp(`^b\\.js\\.${stamp.slice(0, 16)}[0-9a-f]{8}\\.cache$`));
  assert.match(path.basename(cacheOf(plain)), /^b\.js\.[0-9a-f]{24}\.cache$/);
  assert.notEqual(path.basename(cacheOf(plain)).slice(5, 21), stamp.slice(0, 16));
});

test('a cache that cannot be written (here: a directory in its place) costs nothing but the cache', () => {
  const file = bundle("module.exports = 'still here';\n");
  fs.mkdirSync(cacheOf(file));
  assert.equal(requireBundle(file), 'still here');
  assert.deepEqual(
    fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp')),
    [],
  );
});

test('errors thrown while a bundle loads reach the caller, as with require', () => {
  const file = bundle("throw new Error('boom at load');\n");
  assert.throws(() => requireBundle(file), /boom at load/);
});

test('with source maps on, a bundle is plainly required (Node maps its stack traces) and no cache is written', () => {
  const file = bundle("module.exports = 'mapped';\n");
  process.setSourceMapsEnabled(true);
  try {
    assert.equal(requireBundle(file), 'mapped');
  } finally {
    process.setSourceMapsEnabled(false);
  }
  assert.deepEqual(caches(file), []);
});

test('the cache key follows the runtime flags: another flag set gets its own file', () => {
  const file = bundle('module.exports = 1;\n');
  const bytes = fs.readFileSync(file);
  const mine = codeCachePath(file, bytes);
  const saved = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = '--max-semi-space-size=1';
  try {
    assert.notEqual(codeCachePath(file, bytes), mine);
  } finally {
    if (saved === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = saved;
  }
});

// Every rule keeps its one name everywhere: the id is the file name, the docs page, the test
// file and its row in the README's table; a context rule with a fix has an input → expected
// fixture pair.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../../server/src/engine/rules';

const root = path.join(__dirname, '..', '..', '..');
const OWN = [
  'heavy-directory-in-context',
  'gitignored-in-context',
  'missing-ignore-file',
  'secret-in-context',
  'invalid-pattern',
  'root-anchored-pattern',
  'inline-comment',
  'unmatched-pattern',
  'redundant-pattern',
  'ineffective-negation',
  'unused-ignore-file',
];
const WITH_FIX = [
  'heavy-directory-in-context',
  'gitignored-in-context',
  'missing-ignore-file',
  'secret-in-context',
  'root-anchored-pattern',
  'inline-comment',
  'unmatched-pattern',
  'redundant-pattern',
];

test('each rule has its source file, docs page, test file and, with a fix, a fixture pair', () => {
  const ids = [...new Set(ALL_RULES.map((r) => r.id))];
  assert.ok(ids.length >= 17, `${ids.length} rules registered`);
  for (const id of OWN) assert.ok(ids.includes(id), `${id} is not registered`);
  for (const id of ids) {
    assert.match(id, /^[a-z]+(-[a-z]+)*$/);
    for (const rel of [`server/src/engine/rules/${id}.ts`, `docs/rules/${id}.md`, `test/engine/rules/${id}.test.ts`]) {
      assert.ok(fs.existsSync(path.join(root, rel)), rel);
    }
    const doc = fs.readFileSync(path.join(root, `docs/rules/${id}.md`), 'utf8');
    assert.ok(doc.startsWith(`# ${id}\n`), `${id}.md title`);
    for (const section of ['## What it flags', '## Example', '## Fix'])
      assert.ok(doc.includes(section), `${id}.md: ${section}`);
    if (WITH_FIX.includes(id)) {
      for (const which of ['input', 'expected'])
        assert.ok(fs.existsSync(path.join(root, 'test/fixtures/rules', id, which)), `${id}/${which}`);
    }
  }
});

test('the same id never means two different things: its duplicate entry differs only in the file kind', () => {
  const byId = new Map<string, typeof ALL_RULES>();
  for (const r of ALL_RULES) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  for (const [id, rules] of byId) {
    const kinds = rules.map((r) => r.appliesTo);
    assert.equal(new Set(kinds).size, kinds.length, `${id} registered twice for one file kind`);
    assert.equal(new Set(rules.map((r) => `${r.defaultSeverity}|${r.description}`)).size, 1, id);
  }
});

test("the README's rule table and docs/rules list exactly the registered rules, no stale row or page", () => {
  const ids = [...new Set(ALL_RULES.map((r) => r.id))].sort();
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  // A rule row opens with its id in backticks; the table of npm scripts has spaces in its first cell.
  const rows = [...readme.matchAll(/^\| `([a-z]+(?:-[a-z]+)*)` \|/gm)].map((m) => m[1]!);
  assert.deepEqual([...rows].sort(), ids);
  assert.equal(new Set(rows).size, rows.length, 'a rule has two README rows');
  const pages = fs.readdirSync(path.join(root, 'docs/rules')).filter((f) => f.endsWith('.md'));
  assert.deepEqual(pages.map((f) => f.slice(0, -'.md'.length)).sort(), ids);
});

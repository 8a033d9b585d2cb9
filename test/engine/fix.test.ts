import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, fixAll, safeFixOf, type CheckFn } from '../../server/src/engine/fix';
import { appendLines } from '../../server/src/engine/edits';
import type { Finding, Fix } from '../../server/src/engine/types';
import { goBuildModFlag } from '../../server/src/engine/rules/go-build-mod-flag';
import { runRules } from '../../server/src/engine/rules/runRules';
import { dockerfileCase } from './rules/harness';

const IGNORE = '/ctx/.dockerignore';
const range0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A toy rule: every name in `wanted` missing from the ignore file is a finding whose fix appends it. */
function wantPatterns(wanted: string[], disk: Record<string, string>, safe = true): CheckFn {
  return (overlay) => {
    const text = overlay.get(IGNORE) ?? disk[IGNORE];
    const have = new Set((text ?? '').split(/\r?\n/));
    return wanted
      .filter((w) => !have.has(w))
      .map(
        (w): Finding => ({
          ruleId: 'toy',
          severity: 'warning',
          file: IGNORE,
          range: range0,
          message: w,
          fixes: [{ title: `add ${w}`, edits: [appendLines(IGNORE, text, [w])], safe }],
        }),
      );
  };
}

const reader =
  (disk: Record<string, string>) =>
  (f: string): string | undefined =>
    disk[f];

test('colliding appends are resolved by re-checking: all land, in a later pass', () => {
  const disk = { [IGNORE]: '.git' };
  const r = fixAll(wantPatterns(['vendor/', 'node_modules'], disk), reader(disk));
  assert.equal(r.changed.get(IGNORE), '.git\nvendor/\nnode_modules');
  assert.equal(r.passes, 3);
  assert.equal(r.converged, true);
  assert.deepEqual(
    r.applied.map((a) => a.title),
    ['add vendor/', 'add node_modules'],
  );
});

test('two fixes creating the same file: one creates it, the other appends next pass', () => {
  const disk: Record<string, string> = {};
  const r = fixAll(wantPatterns(['a', 'b'], disk), reader(disk));
  assert.equal(r.changed.get(IGNORE), 'a\nb\n');
});

test('idempotent: fix-all on its own output changes nothing', () => {
  const disk = { [IGNORE]: '\uFEFF.git\r\n' };
  const first = fixAll(wantPatterns(['vendor/', 'x'], disk), reader(disk));
  const after = { [IGNORE]: first.changed.get(IGNORE)! };
  assert.equal(after[IGNORE], '\uFEFF.git\r\nvendor/\r\nx\r\n');
  const second = fixAll(wantPatterns(['vendor/', 'x'], after), reader(after));
  assert.equal(second.changed.size, 0);
  assert.equal(second.passes, 1);
});

test('unsafe fixes are never applied by fix-all', () => {
  const disk = { [IGNORE]: '' };
  const r = fixAll(wantPatterns(['vendor/'], disk, false), reader(disk));
  assert.equal(r.changed.size, 0);
  assert.deepEqual(r.applied, []);
});

test('identical fixes from several findings are applied once', () => {
  const fix: Fix = { title: 'add vendor/', edits: [appendLines(IGNORE, 'a\n', ['vendor/'])], safe: true };
  const f = (line: number): Finding => ({
    ruleId: 'dup',
    severity: 'warning',
    file: '/ctx/Dockerfile',
    range: { start: { line, character: 0 }, end: { line, character: 1 } },
    message: 'm',
    fixes: [fix],
  });
  const disk = { [IGNORE]: 'a\n' };
  let calls = 0;
  const r = fixAll(() => (calls++ === 0 ? [f(1), f(2), f(3)] : []), reader(disk));
  assert.equal(r.changed.get(IGNORE), 'a\nvendor/\n');
  assert.equal(r.applied.length, 1);
});

test('a rule that never settles stops at the pass bound and says so', () => {
  const disk = { [IGNORE]: '' };
  let n = 0;
  const restless: CheckFn = (overlay) => [
    {
      ruleId: 'restless',
      severity: 'warning',
      file: IGNORE,
      range: range0,
      message: 'm',
      fixes: [{ title: 't', safe: true, edits: [appendLines(IGNORE, overlay.get(IGNORE) ?? '', [`x${n++}`])] }],
    },
  ];
  const r = fixAll(restless, reader(disk), 4);
  assert.equal(r.passes, 4);
  assert.equal(r.converged, false);
  assert.equal(r.changed.get(IGNORE), 'x0\nx1\nx2\nx3\n');
});

test('a create edit for a file that exists (stale fix) is skipped, not glued on', () => {
  const disk = { [IGNORE]: 'keep\n' };
  const stale: Finding = {
    ruleId: 's',
    severity: 'warning',
    file: IGNORE,
    range: range0,
    message: 'm',
    fixes: [{ title: 'create', safe: true, edits: [appendLines(IGNORE, undefined, ['vendor/'])] }],
  };
  const r = fixAll(() => [stale], reader(disk));
  assert.equal(r.changed.size, 0);
});

test('errors are fixed first when fixes collide', () => {
  const disk = { '/f': 'abc' };
  const mk = (severity: Finding['severity'], newText: string): Finding => ({
    ruleId: severity,
    severity,
    file: '/f',
    range: range0,
    message: '',
    fixes: [
      {
        title: newText,
        safe: true,
        edits: [
          {
            file: '/f',
            edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, newText }],
          },
        ],
      },
    ],
  });
  let calls = 0;
  const r = fixAll(() => (calls++ === 0 ? [mk('warning', 'W'), mk('error', 'E')] : []), reader(disk));
  assert.equal(r.changed.get('/f'), 'E');
});

test('real rule: go-build-mod-flag fixes every go command and reaches a fixpoint', () => {
  const dockerfile = 'FROM golang\nCOPY . .\nRUN go build ./a && go test ./... && \\\n  go install ./b\n';
  const files = { 'go.mod': 'module m\n', 'vendor/modules.txt': '' };
  const base = dockerfileCase({ dockerfile, files, ignore: ['vendor'] });
  const check: CheckFn = (overlay) =>
    runRules({ ...base, text: overlay.get(base.file) ?? dockerfile }, [goBuildModFlag]).findings;
  const r = fixAll(check, (f) => (f === base.file ? dockerfile : undefined));
  assert.equal(
    r.changed.get(base.file),
    'FROM golang\nCOPY . .\nRUN go build -mod=mod ./a && go test -mod=mod ./... && \\\n  go install -mod=mod ./b\n',
  );
  assert.equal(r.passes, 2);
});

test('safeFixOf prefers the preferred safe fix; applyFix applies a chosen fix', () => {
  const a: Fix = { title: 'a', safe: true, edits: [] };
  const b: Fix = {
    title: 'b',
    safe: true,
    preferred: true,
    edits: [{ file: '/f', edits: [{ range: range0, newText: 'X' }] }],
  };
  const f: Finding = {
    ruleId: 'r',
    severity: 'info',
    file: '/f',
    range: range0,
    message: '',
    fixes: [{ title: 'u', safe: false, edits: [] }, a, b],
  };
  assert.equal(safeFixOf(f), b);
  assert.equal(applyFix(b, () => 'y').get('/f'), 'Xy');
});

// Noise (issue 14): one problem seen from many Dockerfiles is reported once, on the ignore file,
// with the Dockerfiles as related information; on a copy line, one finding sums up what it
// sends, largest first. Before, the CLI printed one heavy finding per Dockerfile plus the
// ignore file's, and a COPY line stacked one diagnostic per directory.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { CheckedTree } from '../../../server/src/engine/check/checkedTree';
import { reportedFindings, summarizeCopyLines } from '../../../server/src/engine/check/collapse';
import { diskAccess } from '../../../server/src/engine/diskAccess';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/types';
import { tempRepo } from '../discovery/helpers';

const MiB = 1024 * 1024;
const big = (n: number): string => 'x'.repeat(n);

function repo(): string {
  const files: Record<string, string> = {
    '.dockerignore': '.git\n',
    '.gitignore': '.cache/\n',
    'go.mod': 'module example.com/app\n',
    'main.go': 'package main\nfunc main() {}\n',
    '.cache/blob': big(64 * 1024),
  };
  for (const svc of ['api', 'worker', 'billing'])
    files[`svc/${svc}/Dockerfile`] = 'FROM golang\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n';
  files.Makefile = ['api', 'worker', 'billing'].map((s) => `${s}:\n\tdocker build -f svc/${s}/Dockerfile .\n`).join('');
  files['vendor/modules.txt'] = '# example.com/dep v1.0.0\n';
  for (let i = 0; i < 12; i++) files[`vendor/example.com/dep/f${i}.go`] = big(MiB);
  return tempRepo(files);
}

test('a directory three Dockerfiles send is one finding on the ignore file, the Dockerfiles related', () => {
  const root = repo();
  const all = new CheckedTree({ root, settings: DEFAULT_SETTINGS, fs: diskAccess }).check().findings;
  const heavy = (fs: typeof all) => fs.filter((f) => f.ruleId === 'heavy-directory-in-context');
  assert.equal(heavy(all).length, 4, 'the rule still sees it on each Dockerfile and in the ignore file');
  const reported = heavy(reportedFindings(all));
  assert.equal(reported.length, 1);
  const [one] = reported;
  assert.equal(one?.file, path.join(root, '.dockerignore'));
  assert.deepEqual(
    one?.related?.map((r) => path.relative(root, r.file)),
    ['svc/api/Dockerfile', 'svc/billing/Dockerfile', 'svc/worker/Dockerfile'],
  );
  assert.ok(
    one?.fixes.some((f) => f.safe && /vendor/.test(JSON.stringify(f.edits))),
    'the fix survives',
  );
});

test('one copy line, several things sent: one finding, largest first, details related', () => {
  const root = repo();
  const all = new CheckedTree({ root, settings: DEFAULT_SETTINGS, fs: diskAccess }).check().findings;
  const api = path.join(root, 'svc/api/Dockerfile');
  const onCopy = all.filter((f) => f.file === api && f.range.start.line === 2 && f.sends);
  assert.deepEqual(onCopy.map((f) => f.ruleId).sort(), ['gitignored-in-context', 'heavy-directory-in-context']);
  const summed = summarizeCopyLines(all).filter((f) => f.file === api && f.range.start.line === 2);
  assert.equal(summed.length, 1);
  const [s] = summed;
  assert.equal(s?.ruleId, 'heavy-directory-in-context', 'the largest item leads, with its docs');
  assert.match(s?.message ?? '', /^`COPY \. \.` sends 2 things .*: vendor\/ \(13 files, 12 MiB\); \.cache\/ /);
  assert.equal(s?.related?.length, 2);
  assert.equal(s?.fixes.length, new Set(onCopy.flatMap((f) => f.fixes.map((x) => x.title))).size);
});

test('one folder two rules see on a copy line (heavy and git-ignored vendor/) is one thing sent, not two', () => {
  const f = (ruleId: string, item: string, bytes: number) => ({
    ruleId,
    severity: 'warning' as const,
    file: '/r/Dockerfile',
    range: { start: { line: 3, character: 0 }, end: { line: 3, character: 8 } },
    message: `${ruleId}: vendor/`,
    fixes: [],
    cost: { files: 1, bytes },
    sends: { subject: '`COPY . .`', item },
  });
  const [one, ...rest] = summarizeCopyLines([
    f('heavy-directory-in-context', 'vendor/ (7,994 files, 105.8 MiB)', 100),
    f('gitignored-in-context', 'vendor/ (7,994 files, 105.8 MiB, git-ignored)', 100),
  ]);
  assert.equal(rest.length, 0);
  assert.equal(one?.message, 'heavy-directory-in-context: vendor/');
  assert.equal(one?.related?.length, 2, 'both details stay one click away');
});

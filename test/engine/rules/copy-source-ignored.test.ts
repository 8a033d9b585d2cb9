import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copySourceIgnored } from '../../../server/src/engine/rules/copy-source-ignored';
import { runRules } from '../../../server/src/engine/rules/runRules';
import { caseFile, dockerfileCase, findings, fixedText, type CtxOptions } from './harness';

const FILES = {
  'go.mod': 'module m\n',
  'config/app.yaml': 'a: 1\n',
  'config/dev.yaml': 'b: 2\n',
  'docs/README.md': '# r\n',
  'dist/app.js': '',
};
const opts = (dockerfile: string, ignore: string[], extra: Partial<CtxOptions> = {}): CtxOptions => ({
  dockerfile,
  files: FILES,
  ignore,
  ...extra,
});

test('positive: an excluded file is an error naming the pattern and line', () => {
  const [f] = findings(copySourceIgnored, opts('FROM x\nCOPY docs/README.md /r\n', ['.git', '*.md', 'docs']));
  assert.equal(f?.severity, 'error');
  assert.match(
    f!.message,
    /`docs\/README.md` is in the context directory but it is excluded by `docs` \(\.dockerignore line 3\)/,
  );
  assert.equal(f!.fixes[0]?.safe, true);
});

test('positive: an excluded directory, and a wildcard all of whose matches are excluded', () => {
  const found = findings(
    copySourceIgnored,
    opts('FROM x\nCOPY dist /d\nCOPY config/*.yaml /c/\n', ['dist', 'config/*.yaml']),
  );
  assert.deepEqual(
    found.map((f) => f.range.start.line),
    [1, 2],
  );
  assert.match(found[1]!.message, /everything it matches is excluded/);
});

test('negative: re-included with !, partly sent wildcard, directory with a re-included child', () => {
  assert.deepEqual(
    findings(copySourceIgnored, opts('FROM x\nCOPY config/app.yaml /c\n', ['config', '!config/app.yaml'])),
    [],
  );
  assert.deepEqual(findings(copySourceIgnored, opts('FROM x\nCOPY config/*.yaml /c/\n', ['config/dev.yaml'])), []);
  assert.deepEqual(findings(copySourceIgnored, opts('FROM x\nCOPY config /c/\n', ['config', '!config/app.yaml'])), []);
});

test("negative: missing sources, --from and whole-context copies are other rules' business", () => {
  assert.deepEqual(
    findings(
      copySourceIgnored,
      opts('FROM x AS b\nFROM y\nCOPY nope /n\nCOPY --from=b /docs /d\nCOPY . .\n', ['docs', 'dist']),
    ),
    [],
  );
});

test('negative: nothing is decided before the scan exists', () => {
  assert.deepEqual(findings(copySourceIgnored, opts('FROM x\nCOPY dist /d\n', ['dist'], { scanned: false })), []);
});

test('fix appends a literal ! re-include (wildcards escaped) and the finding goes away', () => {
  const o = opts('FROM x\nCOPY docs/README.md /r\n', ['docs']);
  const ctx = dockerfileCase(o);
  const found = runRules(ctx, [copySourceIgnored]).findings;
  const ignore = fixedText(ctx, found, caseFile(ctx, '.dockerignore'));
  assert.equal(ignore, 'docs\n!docs/README.md\n');
  assert.deepEqual(findings(copySourceIgnored, { ...o, ignore: ignore.trimEnd().split('\n') }), []);
});

test('wildcard fix: allowed in the last segment under classic, refused deeper', () => {
  const classic = (src: string): string | undefined =>
    findings(copySourceIgnored, opts(`FROM x\nCOPY ${src} /c/\n`, ['config'], { builder: 'classic' }))[0]?.fixes[0]
      ?.title;
  assert.match(classic('config/*.yaml') ?? '', /`!config\/\*\.yaml`/);
  assert.equal(classic('c*/app.yaml'), undefined);
  const bk = findings(copySourceIgnored, opts('FROM x\nCOPY c*/app.yaml /c/\n', ['config']))[0];
  assert.match(bk?.fixes[0]?.title ?? '', /`!c\*\/app\.yaml`/);
});

test('no fix when the same ! line is already written (it does not work for this builder)', () => {
  // Podman: the last `docs` excludes docs/README.md again. (Docker's walkers skip an exclusion
  // while a path is already excluded, so they never record `docs` matching the directory a
  // second time and send the file: the hand-made matcher this test once ran on said otherwise.)
  const ignore = ['docs', '!docs/README.md', 'docs'];
  const found = findings(copySourceIgnored, opts('FROM x\nCOPY docs/README.md /r\n', ignore, { builder: 'podman' }));
  assert.equal(found.length, 1);
  assert.deepEqual(found[0]!.fixes, []);
});

test('fixture pair: input → expected', () => {
  const dir = path.join(__dirname, '../../fixtures/rules/copy-source-ignored');
  const read = (side: string, f: string): string => fs.readFileSync(path.join(dir, side, f), 'utf8');
  const o: CtxOptions = {
    dockerfile: read('input', 'Dockerfile'),
    files: { 'config/app.yaml': read('input', 'config/app.yaml') },
    ignore: read('input', '.dockerignore').trimEnd().split('\n'),
  };
  const ctx = dockerfileCase(o);
  assert.equal(
    fixedText(ctx, runRules(ctx, [copySourceIgnored]).findings, caseFile(ctx, '.dockerignore')),
    read('expected', '.dockerignore'),
  );
});

test('real scanner: `dir` + `!**/keep.txt` re-includes under BuildKit but not under classic (SEMANTICS.md §5), and the fix works for classic', async () => {
  const os = await import('node:os');
  const { CheckedTree } = await import('../../../server/src/engine/check/checkedTree');
  const { diskAccess } = await import('../../../server/src/engine/discovery');
  const { DEFAULT_SETTINGS } = await import('../../../server/src/engine/types');
  const { fixAll } = await import('../../../server/src/engine/fix');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-csi-'));
  fs.mkdirSync(path.join(dir, 'dir'));
  fs.writeFileSync(path.join(dir, 'dir/keep.txt'), 'k');
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine\nCOPY dir/keep.txt /k\n');
  fs.writeFileSync(path.join(dir, '.dockerignore'), 'dir\n!**/keep.txt');
  const run = (builder: 'buildkit' | 'classic') =>
    new CheckedTree({ root: dir, settings: DEFAULT_SETTINGS, contextDir: dir, builder, fs: diskAccess });
  const ids = (p: InstanceType<typeof CheckedTree>, ov?: Map<string, string>) =>
    p.check(ov).findings.filter((f) => f.ruleId === 'copy-source-ignored');
  assert.deepEqual(ids(run('buildkit')), []);
  const classic = run('classic');
  const found = ids(classic);
  assert.equal(found.length, 1);
  assert.match(found[0]!.message, /excluded by `dir` \(\.dockerignore line 1\) under classic/);
  const read = (f: string): string | undefined => {
    try {
      return fs.readFileSync(f, 'utf8');
    } catch {
      return undefined;
    }
  };
  const fixed = fixAll((ov) => ids(classic, new Map(ov)), read);
  assert.equal(fixed.changed.get(path.join(dir, '.dockerignore')), 'dir\n!**/keep.txt\n!dir/keep.txt');
  assert.deepEqual(ids(classic, new Map(fixed.changed)), []);
});

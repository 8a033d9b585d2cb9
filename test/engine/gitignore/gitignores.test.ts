import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { Gitignores, toDockerPattern } from '../../../server/src/engine/gitignore/gitignores';
import { scanContextSync } from '../../../server/src/engine/context/scan/scan';
import { diskFs, makeTree } from '../rules/helpers';

const root = { base: '', prefix: '' };
const rule = (pattern: string) => ({ pattern, negate: false, line: 0 });

test('translates only the gitignore shapes Docker reads the same way', () => {
  assert.deepEqual(toDockerPattern(root, rule('node_modules')), { pattern: '**/node_modules', dirOnly: false });
  assert.deepEqual(toDockerPattern(root, rule('/bin')), { pattern: 'bin', dirOnly: false });
  assert.deepEqual(toDockerPattern(root, rule('*.log')), { pattern: '**/*.log', dirOnly: false });
  assert.deepEqual(toDockerPattern(root, rule('dist/')), { pattern: '**/dist', dirOnly: true });
  assert.deepEqual(toDockerPattern(root, rule('a/**/b')), { pattern: 'a/**/b', dirOnly: false });
  assert.deepEqual(toDockerPattern({ base: 'web', prefix: '' }, rule('*.map')), {
    pattern: 'web/**/*.map',
    dirOnly: false,
  });
  assert.deepEqual(toDockerPattern({ base: 'web', prefix: '' }, rule('/out')), { pattern: 'web/out', dirOnly: false });
  // A .gitignore above the context: anchored lines must lead into the context.
  assert.deepEqual(toDockerPattern({ base: null, prefix: 'svc/api' }, rule('/svc/api/tmp')), {
    pattern: 'tmp',
    dirOnly: false,
  });
  assert.equal(toDockerPattern({ base: null, prefix: 'svc/api' }, rule('/other/tmp')), null);
  // Escapes, classes ([!a] is a set in Docker), glued ** and '^' (a regexp anchor in Docker) have no exact twin.
  for (const p of ['\\#x', '[!a]*', 'a**b', '^x*', 'a/./b', '']) assert.equal(toDockerPattern(root, rule(p)), null, p);
  assert.equal(toDockerPattern(root, { pattern: 'x', negate: true, line: 0 }), null);
});

test('reads every level: the deepest .gitignore with an opinion decides, an ignored directory hides its content', () => {
  const t = makeTree({
    '.gitignore': '*.log\nbuild/\n',
    'web/.gitignore': '!keep.log\n/out\n',
    'web/keep.log': '',
    'web/out/a': '',
    'build/x': '',
    'Readme.LOG': '',
  });
  try {
    const scan = scanContextSync({ contextDir: t.dir, builder: 'buildkit', ignoreFile: null });
    const gi = new Gitignores(t.dir, scan.root, diskFs);
    assert.equal(gi.check('a.log', false)?.rule.pattern, '*.log');
    assert.equal(gi.check('web/keep.log', false), null);
    assert.equal(gi.check('web/out', true)?.file.abs, t.abs('web/.gitignore'));
    assert.equal(gi.check('build', true)?.rule.line, 1);
    assert.equal(gi.check('build', false), null, 'build/ ignores directories only');
    // Git on Linux is case-sensitive; the ignore package is not by default.
    assert.equal(gi.check('Readme.LOG', false), null);
    assert.equal(gi.hasNegation(), true);
  } finally {
    t.cleanup();
  }
});

test('gitignore files above the context count inside the repository only', () => {
  const t = makeTree({ '.gitignore': '*.tmp\n', 'svc/a.tmp': '' });
  try {
    const scan = scanContextSync({ contextDir: t.abs('svc'), builder: 'buildkit', ignoreFile: null });
    assert.ok(new Gitignores(t.abs('svc'), scan.root, diskFs).empty, 'no .git: not a repository');
    fs.mkdirSync(t.abs('.git'));
    const gi = new Gitignores(t.abs('svc'), scan.root, diskFs);
    assert.equal(gi.check('a.tmp', false)?.file.prefix, 'svc');
  } finally {
    t.cleanup();
  }
});

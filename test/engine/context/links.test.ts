import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { escapesContext, linksOutside } from '../../../server/src/engine/context/links';
import { scanContextSync } from '../../../server/src/engine/context/scan/scan';

test('escapesContext: lexical, from the directory the link sits in', () => {
  const ctx = '/w/ctx';
  for (const [rel, target] of [
    ['l', '..'],
    ['l', '../x'],
    ['a/l', '../../x'],
    ['a/b/l', 'c/../../../../x'],
    ['l', '/etc/passwd'],
    ['l', '/w/other'],
  ]) {
    assert.equal(escapesContext(ctx, rel!, target!), true, `${rel} -> ${target}`);
  }
  for (const [rel, target] of [
    ['l', 'x'],
    ['l', '.'],
    ['a/l', '../x'],
    ['a/b/l', '../../x'],
    ['l', 'a/../b'],
    ['l', '/w/ctx/x'],
    ['l', '/w/ctx'],
    ['l', '..x'],
  ]) {
    assert.equal(escapesContext(ctx, rel!, target!), false, `${rel} -> ${target}`);
  }
});

test('linksOutside: the scan records links unfollowed; the report names those leaving the context, sent first', () => {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-links-')));
  try {
    const ctx = path.join(base, 'ctx');
    fs.mkdirSync(path.join(ctx, 'sub'), { recursive: true });
    fs.mkdirSync(path.join(base, 'secrets'));
    fs.writeFileSync(path.join(base, 'secrets', 'key'), 'k'.repeat(10_000));
    fs.writeFileSync(path.join(ctx, 'app.txt'), 'a');
    fs.writeFileSync(path.join(ctx, '.dockerignore'), 'ignored-link\n');
    fs.symlinkSync('../secrets/key', path.join(ctx, 'key'));
    fs.symlinkSync('../../secrets', path.join(ctx, 'sub', 'secrets'));
    fs.symlinkSync('/etc/hostname', path.join(ctx, 'abs'));
    fs.symlinkSync('../secrets', path.join(ctx, 'ignored-link'));
    fs.symlinkSync('../app.txt', path.join(ctx, 'sub', 'inside'));
    fs.symlinkSync('loop', path.join(ctx, 'loop'));
    const scan = scanContextSync({ contextDir: ctx, builder: 'buildkit', ignoreFile: path.join(ctx, '.dockerignore') });
    // The link is sent as a link (its own text as size), never the 10,000-byte target.
    assert.equal(scan.root.files.get('key')!.kind, 'symlink');
    assert.equal(scan.root.files.get('key')!.size, '../secrets/key'.length);
    assert.deepEqual(linksOutside(scan), [
      { path: 'abs', target: '/etc/hostname', sent: true },
      { path: 'key', target: '../secrets/key', sent: true },
      { path: 'sub/secrets', target: '../../secrets', sent: true },
      { path: 'ignored-link', target: '../secrets', sent: false },
    ]);
    assert.equal(linksOutside(scan, undefined, 2).length, 2);
    // A link that vanished since the scan is skipped, not thrown.
    assert.deepEqual(
      linksOutside(scan, () => {
        throw new Error('ENOENT');
      }),
      [],
    );
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
});

// `buildctx context` names the symlinks whose target is outside the context, in text and JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'server/src/cli/main.ts');

function context(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'context', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('context text and JSON flag links leaving the context; links inside it and ignored ones are not listed in text', () => {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-cli-links-')));
  try {
    const ctx = path.join(base, 'ctx');
    fs.mkdirSync(path.join(ctx, 'conf'), { recursive: true });
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY . .\n');
    fs.writeFileSync(path.join(ctx, '.dockerignore'), 'old\n');
    fs.symlinkSync('../../home/.aws/credentials', path.join(ctx, 'conf', 'creds'));
    fs.symlinkSync('../Dockerfile', path.join(ctx, 'conf', 'df'));
    fs.symlinkSync('/opt', path.join(ctx, 'old'));
    const text = context([ctx]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(
      text.stdout,
      /Symlinks pointing outside the context \(1; Docker sends the link, not its target\):\n {2}conf\/creds -> \.\.\/\.\.\/home\/\.aws\/credentials\n/,
    );
    assert.doesNotMatch(text.stdout, /conf\/df|old ->/);
    const json = context([ctx, '--json']);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout).outsideLinks, [
      { path: 'conf/creds', target: '../../home/.aws/credentials', sent: true },
      { path: 'old', target: '/opt', sent: false },
    ]);
    // Without such links there is no section and an empty list.
    fs.rmSync(path.join(ctx, 'conf', 'creds'));
    assert.doesNotMatch(context([ctx]).stdout, /Symlinks pointing outside/);
    assert.deepEqual(JSON.parse(context([ctx, '--json']).stdout).outsideLinks, [
      { path: 'old', target: '/opt', sent: false },
    ]);
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
});

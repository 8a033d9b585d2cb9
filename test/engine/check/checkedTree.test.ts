import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CheckedTree } from '../../../server/src/engine/check/checkedTree';
import { isIgnoreFileName } from '../../../server/src/engine/build/assemble';
import { diskAccess } from '../../../server/src/engine/discovery';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/types';

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-project-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

test("discovery's walk finds every Dockerfile and ignore file name of issue 3, skipping node_modules, .git and git-ignored dirs", () => {
  const names = [
    'Dockerfile',
    'Dockerfile.dev',
    'api.Dockerfile',
    'web.dockerfile',
    'Containerfile',
    'Containerfile.ci',
    'db.Containerfile',
  ];
  const files: Record<string, string> = {
    '.gitignore': 'out/\n',
    'node_modules/p/Dockerfile': '',
    '.git/Dockerfile': '',
    'out/Dockerfile': '',
    'out/.dockerignore': '',
    '.dockerignore': '',
    'sub/.containerignore': '',
    'sub/api.Dockerfile.dockerignore': '',
    'README.md': '',
    'Dockerfile.dockerignore': '',
  };
  for (const n of names) files[`sub/${n}`] = 'FROM x\n';
  const dir = tree(files);
  const found = new CheckedTree({ root: dir, settings: DEFAULT_SETTINGS, fs: diskAccess }).files;
  assert.deepEqual(
    found.dockerfiles.map((f) => path.relative(dir, f)),
    names.map((n) => `sub/${n}`).sort(),
  );
  assert.deepEqual(
    found.ignoreFiles.map((f) => path.relative(dir, f)),
    ['.dockerignore', 'Dockerfile.dockerignore', 'sub/.containerignore', 'sub/api.Dockerfile.dockerignore'],
  );
  assert.equal(isIgnoreFileName('x.containerignore'), true);
  assert.equal(isIgnoreFileName('dockerignore'), false);
});

test('contexts: discovery by default, --context overrides; one scan per distinct context', () => {
  const dir = tree({
    'svc/a/Dockerfile': 'FROM x\nCOPY go.mod /\n',
    'svc/b/Dockerfile': 'FROM x\nCOPY go.mod /\n',
    'svc/a/go.mod': '',
    'svc/b/go.mod': '',
    'go.mod': '',
  });
  const own = new CheckedTree({ root: dir, settings: DEFAULT_SETTINGS, fs: diskAccess }).check();
  assert.deepEqual(own.builds.map((b) => path.relative(dir, b.contextDir)).sort(), ['svc/a', 'svc/b']);
  const forced = new CheckedTree({
    root: dir,
    settings: DEFAULT_SETTINGS,
    fs: diskAccess,
    contextDir: dir,
    builder: 'classic',
  });
  const out = forced.check();
  assert.deepEqual(
    out.builds.map((b) => [b.contextDir, b.builder, b.provenance]),
    [
      [dir, 'classic', '--context'],
      [dir, 'classic', '--context'],
    ],
  );
  const bk = new CheckedTree({ root: dir, settings: DEFAULT_SETTINGS, fs: diskAccess, contextDir: dir }).check();
  assert.equal(bk.builds[0]!.scan, bk.builds[1]!.scan);
});

test('check(overlay) sees edited and created ignore files without touching the disk', () => {
  const dir = tree({ Dockerfile: 'FROM x\nCOPY app.txt /\n', 'app.txt': 'a', 'go.mod': '' });
  const p = new CheckedTree({ root: dir, settings: DEFAULT_SETTINGS, fs: diskAccess, contextDir: dir });
  assert.equal(p.check().findings.filter((f) => f.ruleId === 'copy-source-ignored').length, 0);
  const created = path.join(dir, '.dockerignore');
  const out = p.check(new Map([[created, 'app.txt\n']]));
  assert.equal(out.builds[0]!.ignoreFile, created);
  assert.deepEqual(
    out.findings.filter((f) => f.ruleId === 'copy-source-ignored').map((f) => f.range.start.line),
    [1],
  );
  assert.equal(fs.existsSync(created), false);
  assert.equal(p.check().findings.filter((f) => f.ruleId === 'copy-source-ignored').length, 0);
});

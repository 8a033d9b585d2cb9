// Every diagnostic's code link and the CLI's docs link open the rule's page shipped with
// buildctx (issue 16): a file that exists, found the same way from the sources and from an
// installed bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { ALL_RULES } from '../../server/src/engine/rules';
import { RULE_DOCS_DIR, ruleDocsPath, ruleDocsUri } from '../../server/src/ruleDocs';

const ROOT = path.resolve(__dirname, '../..');

test("every rule's docs link is a file: URI of its page in docs/rules, titled with its id", () => {
  assert.equal(RULE_DOCS_DIR, path.join(ROOT, 'docs', 'rules'));
  for (const id of new Set(ALL_RULES.map((r) => r.id))) {
    const uri = ruleDocsUri(id);
    assert.match(uri, /^file:\/\//);
    const file = fileURLToPath(uri);
    assert.equal(file, ruleDocsPath(id));
    assert.ok(fs.existsSync(file), `${id}: ${file} does not exist`);
    assert.ok(fs.readFileSync(file, 'utf8').startsWith(`# ${id}\n`), `${id}: page title`);
  }
});

test('a bundle in <package>/server/out finds the pages in <package>/docs/rules, as installed', async () => {
  const pkg = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-docs-')));
  try {
    const entry = path.join(pkg, 'probe.ts');
    const source = JSON.stringify(path.join(ROOT, 'server/src/ruleDocs'));
    fs.writeFileSync(entry, `import { ruleDocsUri } from ${source};\nprocess.stdout.write(ruleDocsUri('x'));\n`);
    const outfile = path.join(pkg, 'server', 'out', 'probe.js');
    await esbuild.build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'error',
    });
    fs.mkdirSync(path.join(pkg, 'docs', 'rules'), { recursive: true });
    fs.writeFileSync(path.join(pkg, 'docs', 'rules', 'x.md'), '# x\n');
    const r = spawnSync(process.execPath, [outfile], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fileURLToPath(r.stdout), path.join(pkg, 'docs', 'rules', 'x.md'));
  } finally {
    fs.rmSync(pkg, { recursive: true, force: true });
  }
});

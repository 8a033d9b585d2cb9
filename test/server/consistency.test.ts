// One path through the engine (issue 12): `check FILE`, `check DIR` and the language server
// assemble the same builds for a Dockerfile and report the same findings on it. Before, `check
// docker/gateway.Dockerfile` discovered from docker/ alone, missed the Makefile's root context
// and reported two false copy-source-missing errors that `check DIR` and the editor did not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver/node';
import { goWorkspace } from './fixtures';
import { startHarness } from './harness';

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'server/src/cli/main.ts');
const DF = 'docker/gateway.Dockerfile';

interface JsonFinding {
  ruleId: string;
  file: string;
  range: Diagnostic['range'];
  message: string;
  related?: Array<{ file: string; range: Diagnostic['range']; message: string }>;
}
interface JsonBuild {
  dockerfile: string;
  contextDir: string;
  builder: string;
  ignoreFile: string | null;
  provenance: string;
}
interface JsonOut {
  findings: JsonFinding[];
  builds: JsonBuild[];
}

function checkJson(target: string): JsonOut {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'check', target, '--format', 'json'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 180_000,
  });
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as JsonOut;
}

const key = (range: Diagnostic['range'], message: string): string =>
  `${range.start.line}:${range.start.character} ${message}`;

/**
 * What a report says about `file`, as the findings it stands for: a summary of one copy line
 * (all related on that line) stands for its related items; a problem reported once for several
 * files (check/collapse.ts) shows on `file` as a related location.
 */
function said(f: JsonFinding, file: string): string[] {
  const rel = (f.related ?? []).filter((r) => r.file === file);
  const summary =
    rel.length > 0 &&
    f.file === file &&
    rel.length === (f.related ?? []).length &&
    rel.every((r) => r.range.start.line === f.range.start.line);
  return [...(f.file === file && !summary ? [f] : []), ...rel].map((x) => key(x.range, x.message));
}

function workspace(): string {
  const root = goWorkspace({
    // The only build site: the root Makefile builds the Dockerfile with the repository root as context.
    Makefile: 'gateway:\n\tdocker build -f docker/gateway.Dockerfile -t gateway .\n',
    '.git/HEAD': 'ref: refs/heads/main\n',
  });
  return root;
}

test('check FILE, check DIR and the language server give the same builds and findings for one Dockerfile', async () => {
  const root = workspace();
  const file = path.join(root, DF);
  try {
    const byDir = checkJson(root);
    const byFile = checkJson(file);
    const builds = (o: JsonOut): string[] =>
      o.builds
        .filter((b) => b.dockerfile === file)
        .map((b) => `${b.contextDir} ${b.builder} ${b.ignoreFile} ${b.provenance}`);
    assert.deepEqual(builds(byDir), [`${root} buildkit ${path.join(root, '.dockerignore')} Makefile:2`]);
    assert.deepEqual(builds(byFile), builds(byDir));
    const onFile = (o: JsonOut): string[] => o.findings.flatMap((f) => said(f, file)).sort();
    assert.deepEqual(onFile(byFile), onFile(byDir));
    assert.ok(!onFile(byDir).some((k) => /does not exist/.test(k)), 'the root context has go.mod');
    assert.ok(
      onFile(byDir).some((k) => /sends vendor\//.test(k)),
      'vendor/ is sent and reported',
    );

    const h = await startHarness(root);
    try {
      await h.open(DF, 'dockerfile');
      const want = onFile(byDir);
      const got = (d: Diagnostic[]): string[] =>
        d
          .flatMap((x) =>
            said(
              {
                ruleId: String(x.code),
                file,
                range: x.range,
                message: x.message,
                related: x.relatedInformation?.map((r) => ({
                  file: fileURLToPath(r.location.uri),
                  range: r.location.range,
                  message: r.message,
                })),
              },
              file,
            ),
          )
          .sort();
      // The editor's findings arrive in stages (discovery, the scan, background passes): the last one agrees.
      const last = await h.diagnostics(DF, (d) => got(d).length >= want.length);
      await h.server.checks.whenIdle();
      assert.deepEqual(got(h.published.get(h.uri(DF))?.diagnostics ?? last), want);
      const served = await h.server.project.buildsOfDockerfile(file);
      assert.deepEqual(
        served.map((b) => `${b.info.contextDir} ${b.info.builder} ${b.info.ignoreFile} ${b.info.provenance}`),
        builds(byDir),
      );
    } finally {
      h.dispose();
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

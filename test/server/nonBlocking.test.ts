// Never block the editor (issues 4 and 7): diagnostics and requests for open files are answered
// while discovery and the context scan are still pending. Discovery and scan are held back by
// injected gates, so "pending" is a fact of the test, not a race; no sleeps, no timings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import {
  CodeActionRequest,
  FileChangeType,
  HoverRequest,
  type Diagnostic,
  type MarkupContent,
} from 'vscode-languageserver/node';
import type { DiscoveryResult } from '../../server/src/engine/discovery';
import type { Settings } from '../../server/src/engine/types';
import { engineDiscover, engineScanner } from '../../server/src/workspace/engine';
import type { ScanEngine } from '../../server/src/workspace/contexts';
import { diskAccess } from '../../server/src/engine/discovery';
import { startHarness } from './harness';
import { ContextSummaryRequest } from '../../server/src/protocol';
import { goWorkspace } from './fixtures';
import type { Rule } from '../../server/src/engine/rules/types';

const DF = 'docker/gateway.Dockerfile';
const has = (id: string) => (ds: Diagnostic[]) => ds.some((d) => d.code === id);

function gate(): { wait: Promise<void>; open(): void; opened: boolean } {
  let open!: () => void;
  const g = {
    wait: new Promise<void>((r) => {
      open = r;
    }),
    open: () => {
      g.opened = true;
      open();
    },
    opened: false,
  };
  return g;
}

/** The real discovery, held back until the gate opens; counts its runs. */
function heldDiscovery(g: { wait: Promise<void> }) {
  const real = engineDiscover(diskAccess);
  const calls: string[] = [];
  const discover = async (root: string, settings: Settings): Promise<DiscoveryResult> => {
    calls.push(root);
    await g.wait;
    return real(root, settings);
  };
  return { discover, calls };
}

test('diagnostics and code actions are answered while discovery is still pending; context rules follow it', async () => {
  const g = gate();
  const { discover, calls } = heldDiscovery(g);
  const h = await startHarness(goWorkspace({}, '.git\n*.[\nvendor/ # deps\n'), { server: { discover } });
  try {
    await h.open('.dockerignore', 'dockerignore');
    await h.open(DF, 'dockerfile');
    const ignoreDiags = await h.diagnostics(
      '.dockerignore',
      (ds) => has('invalid-pattern')(ds) && has('inline-comment')(ds),
    );
    const dfDiags = await h.diagnostics(DF, () => true, 1);
    assert.equal(g.opened, false, 'discovery is still held back');
    assert.ok(calls.length >= 1, 'discovery was started');
    assert.ok(!has('heavy-directory-in-context')(dfDiags), 'rules needing the build stay silent');
    const diags = ignoreDiags.filter((d) => d.code === 'invalid-pattern' || d.code === 'inline-comment');
    const actions = await h.client.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: h.uri('.dockerignore') },
      range: { start: diags[0]!.range.start, end: diags[1]!.range.end },
      context: { diagnostics: diags },
    });
    // Answered while discovery is held, and truthfully: the inline comment's fix, none for the
    // invalid pattern (there is no pattern Docker would read instead).
    assert.deepEqual(
      actions?.map((a) => ['title' in a ? a.title : a, 'diagnostics' in a ? a.diagnostics?.map((d) => d.code) : []]),
      [['Move the comment to its own line', ['inline-comment']]],
    );
    assert.equal(g.opened, false, 'the code actions did not wait for discovery');
    // An edit is checked too, still without discovery.
    const v = await h.change(DF, `${fs.readFileSync(h.abs(DF), 'utf8')}# edited\n`);
    await h.diagnostics(DF, () => true, v);
    assert.equal(g.opened, false);
    g.open();
    // The invalid pattern makes the build fail, so context rules wait for a valid ignore file.
    await h.change('.dockerignore', '.git\n');
    await h.diagnostics(DF, has('heavy-directory-in-context'));
  } finally {
    g.open();
    h.dispose();
  }
});

/** A server on the Go workspace whose real scan is held back by a gate, with the Dockerfile open and its scan started. */
async function heldScan() {
  const g = gate();
  const scans = { started: 0 };
  const held: ScanEngine = {
    ...engineScanner,
    scan: async (req, signal, p) => {
      scans.started++;
      await g.wait;
      return engineScanner.scan(req, signal, p);
    },
  };
  const h = await startHarness(goWorkspace(), { server: { scanner: held } });
  await h.open(DF, 'dockerfile');
  await h.until('the scan to start', () => (scans.started > 0 ? true : undefined));
  return { h, g, scans };
}

test('hover and diagnostics of an edit are answered while the context scan is still pending', async () => {
  const { h, g, scans } = await heldScan();
  try {
    const hover = await h.client.sendRequest(HoverRequest.type, {
      textDocument: { uri: h.uri(DF) },
      position: { line: 4, character: 2 },
    });
    assert.equal(g.opened, false, 'the scan is still held back');
    assert.ok(hover, 'a hover while the scan is held back');
    assert.match(
      (hover.contents as MarkupContent).value,
      /^\*\*COPY\*\*: scanning the build context… \(0 files so far\)/,
    );
    const v = await h.change(DF, fs.readFileSync(h.abs(DF), 'utf8').replace('COPY . .', 'COPY . .\n'));
    const ds = await h.diagnostics(DF, () => true, v);
    assert.ok(!has('heavy-directory-in-context')(ds), 'the scan-based rule waits for the scan');
    assert.equal(g.opened, false);
    g.open();
    await h.diagnostics(DF, has('heavy-directory-in-context'));
    assert.equal(scans.started, 1, 'one scan, not one per check');
  } finally {
    g.open();
    h.dispose();
  }
});

test('an ignore-file edit while the scan runs applies to its result, without walking the context again', async () => {
  const { h, g, scans } = await heldScan();
  try {
    await h.open('.dockerignore', 'dockerignore', '.git\n');
    const v = await h.change('.dockerignore', '.git\nvendor/\n');
    await h.diagnostics('.dockerignore', () => true, v);
    assert.equal(g.opened, false, 'the edit landed while the scan was held');
    g.open();
    const summary = await h.poll('a ready summary', async () => {
      const s = await h.client.sendRequest(ContextSummaryRequest, { uri: h.uri(DF) });
      return s && s.state === 'ready' ? s : undefined;
    });
    const vendor = summary.exclusions.find((x) => x.pattern === 'vendor/');
    assert.ok(vendor && vendor.files > 0, `vendor/ keeps files out: ${JSON.stringify(summary.exclusions)}`);
    assert.ok(!summary.largest.some((d) => d.path === 'vendor'), 'vendor/ is no longer sent');
    await h.diagnostics(
      DF,
      (ds) => !ds.some((d) => d.code === 'heavy-directory-in-context' && d.message.includes('vendor/')),
    );
    assert.equal(scans.started, 1, 'the finished walk was re-matched, not repeated');
  } finally {
    g.open();
    h.dispose();
  }
});

/** A server on the Go workspace whose real discovery counts its runs, with the Dockerfile open and checked. */
async function countedDiscovery() {
  const real = engineDiscover(diskAccess);
  const count = { runs: 0 };
  const discover = (root: string, settings: Settings): Promise<DiscoveryResult> => {
    count.runs++;
    return real(root, settings);
  };
  const h = await startHarness(goWorkspace(), { server: { discover } });
  await h.open(DF, 'dockerfile');
  await h.diagnostics(DF, has('heavy-directory-in-context'));
  return { h, count };
}

test('a new Makefile refreshes discovery: its build command decides the context', async () => {
  const { h, count } = await countedDiscovery();
  try {
    const before = count.runs;
    fs.writeFileSync(h.abs('Makefile'), 'image:\n\tdocker build -f docker/gateway.Dockerfile cmd\n');
    await h.watched([{ uri: h.uri('Makefile'), type: FileChangeType.Created }]);
    // The context is now cmd/, which holds no vendor/: the finding goes away.
    await h.diagnostics(DF, (ds) => !has('heavy-directory-in-context')(ds));
    assert.ok(count.runs > before, 'discovery ran again');
  } finally {
    h.dispose();
  }
});

test('a new source file or package.json re-runs discovery only when it builds an image', async () => {
  const { h, count } = await countedDiscovery();
  try {
    await h.server.checks.whenIdle();
    // vendor/ is reported while the root is the context; the new build site changes that.
    await h.diagnostics(DF, has('heavy-directory-in-context'));
    const before = count.runs;
    fs.writeFileSync(h.abs('plain.go'), 'package pkg\n\nfunc Plain() int { return 1 }\n');
    await h.watched([{ uri: h.uri('plain.go'), type: FileChangeType.Created }]);
    // A request answered after the notification proves the server handled the event.
    await h.client.sendRequest(HoverRequest.type, {
      textDocument: { uri: h.uri(DF) },
      position: { line: 0, character: 0 },
    });
    await h.server.checks.whenIdle();
    assert.equal(count.runs, before, 'a file that builds nothing leaves discovery alone');
    // Every `npm install` rewrites package.json: only one whose scripts build is read again.
    fs.writeFileSync(h.abs('package.json'), '{"name": "x", "scripts": {"build": "tsc"}, "dependencies": {}}\n');
    await h.watched([{ uri: h.uri('package.json'), type: FileChangeType.Created }]);
    await h.client.sendRequest(HoverRequest.type, {
      textDocument: { uri: h.uri(DF) },
      position: { line: 0, character: 0 },
    });
    await h.server.checks.whenIdle();
    assert.equal(count.runs, before, 'a package.json whose scripts build no image leaves discovery alone');
    fs.mkdirSync(h.abs('tools'), { recursive: true });
    fs.writeFileSync(
      h.abs('tools/build.go'),
      'package main\n\nimport "os/exec"\n\nfunc main() {\n\texec.Command("docker", "build", "-f", "docker/gateway.Dockerfile", "cmd").Run()\n}\n',
    );
    await h.watched([{ uri: h.uri('tools/build.go'), type: FileChangeType.Created }]);
    // Other checks may publish meanwhile: wait for the one made after discovery ran again.
    await h.diagnostics(DF, (ds) => count.runs > before && !has('heavy-directory-in-context')(ds));
    assert.ok(count.runs > before, 'discovery ran again for the file that builds');
  } finally {
    h.dispose();
  }
});

test('a new YAML file re-runs discovery only when it defines a build (issue 15)', async () => {
  const { h, count } = await countedDiscovery();
  try {
    await h.server.checks.whenIdle();
    await h.diagnostics(DF, has('heavy-directory-in-context'));
    const before = count.runs;
    fs.writeFileSync(
      h.abs('deploy.yaml'),
      'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - image: docker.io/x/gateway\n',
    );
    await h.watched([{ uri: h.uri('deploy.yaml'), type: FileChangeType.Created }]);
    await h.client.sendRequest(HoverRequest.type, {
      textDocument: { uri: h.uri(DF) },
      position: { line: 0, character: 0 },
    });
    await h.server.checks.whenIdle();
    assert.equal(count.runs, before, 'a Kubernetes manifest builds nothing');
    fs.writeFileSync(
      h.abs('buildconfig.yaml'),
      'kind: BuildConfig\nspec:\n  source:\n    contextDir: cmd\n  strategy:\n    dockerStrategy:\n' +
        '      dockerfilePath: ../docker/gateway.Dockerfile\n',
    );
    await h.watched([{ uri: h.uri('buildconfig.yaml'), type: FileChangeType.Created }]);
    await h.diagnostics(DF, (ds) => count.runs > before && !has('heavy-directory-in-context')(ds));
    assert.ok(count.runs > before, 'discovery ran again for the BuildConfig');
  } finally {
    h.dispose();
  }
});

test('a discovery that fails leaves the Dockerfile on its fallback context instead of hanging checks', async () => {
  const discover = (): Promise<DiscoveryResult> => Promise.reject(new Error('boom'));
  const h = await startHarness(goWorkspace(), { server: { discover } });
  try {
    await h.open(DF, 'dockerfile');
    await h.diagnostics(DF, () => true, 1);
    const ctx = await h.server.project.buildsOfDockerfile(h.abs(DF));
    assert.deepEqual(
      ctx.map((b) => b.info.contextDir),
      [h.abs('docker')],
    );
  } finally {
    h.dispose();
  }
});

test("an open document's check holds background work back until its diagnostics are sent", async () => {
  const seen: boolean[] = [];
  let held = (): boolean => false;
  const probe: Rule = {
    id: 'probe',
    appliesTo: 'dockerfile',
    defaultSeverity: 'info',
    description: 'records whether background work is held',
    check: () => {
      seen.push(held());
      return [];
    },
  };
  const h = await startHarness(goWorkspace({}), { server: { rules: [probe] } });
  held = () => h.server.scheduler.held();
  try {
    await h.open(DF, 'dockerfile');
    await h.diagnostics(DF, () => true, 1);
    const v = await h.change(DF, `${fs.readFileSync(h.abs(DF), 'utf8')}# edited\n`);
    await h.diagnostics(DF, () => true, v);
    await h.server.checks.whenIdle();
    assert.ok(seen.length >= 2, `${seen.length} checks ran`);
    assert.deepEqual(new Set(seen), new Set([true]), 'every check ran with background work held');
    assert.equal(h.server.scheduler.held(), false, 'released once the diagnostics were sent');
  } finally {
    h.dispose();
  }
});

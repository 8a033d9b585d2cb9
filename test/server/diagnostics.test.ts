// The server in process: capabilities, diagnostics on open and change for Dockerfiles and
// ignore files, and re-checks driven by the dependency graph.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { CodeActionKind, DiagnosticSeverity, FileChangeType, type Diagnostic } from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import { ruleDocsUri } from '../../server/src/ruleDocs';
import { engineScanner } from '../../server/src/workspace/engine';
import type { ScanEngine } from '../../server/src/workspace/contexts';
import { startHarness } from './harness';
import { GATEWAY, goWorkspace } from './fixtures';

const DF = 'docker/gateway.Dockerfile';
const codes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code));
const has =
  (code: string) =>
  (ds: Diagnostic[]): boolean =>
    codes(ds).includes(code);
const lacks =
  (code: string) =>
  (ds: Diagnostic[]): boolean =>
    !codes(ds).includes(code);

test('initialize announces sync, quick fixes, source.fixAll.buildctx, hover and CodeLens', async () => {
  const h = await startHarness(goWorkspace());
  try {
    const c = h.initResult.capabilities;
    assert.deepEqual(c.textDocumentSync, { openClose: true, change: 2, save: false });
    assert.deepEqual(c.codeActionProvider, {
      codeActionKinds: [CodeActionKind.QuickFix, 'source.fixAll.buildctx'],
      resolveProvider: true,
    });
    assert.equal(c.hoverProvider, true);
    assert.ok(c.codeLensProvider);
    await h.until('watcher registration', () =>
      h.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'),
    );
  } finally {
    h.dispose();
  }
});

test('a Dockerfile gets diagnostics on open, with rule id, docs link, source and fixes in data; a change clears them', async () => {
  const h = await startHarness(goWorkspace());
  try {
    await h.open(DF, 'dockerfile');
    const ds = await h.diagnostics(DF, has('go-build-mod-flag'));
    const d = ds.find((x) => x.code === 'go-build-mod-flag')!;
    assert.equal(d.source, 'buildctx');
    assert.equal(d.codeDescription?.href, ruleDocsUri('go-build-mod-flag'));
    // The code link opens the page shipped with the server, offline (issue 16).
    assert.ok(fs.existsSync(fileURLToPath(d.codeDescription.href)), d.codeDescription.href);
    assert.equal(d.range.start.line, 5);
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    const fixes = (d.data as { fixes: Array<{ safe: boolean }> }).fixes;
    assert.ok(fixes.length > 0 && fixes.some((f) => f.safe), 'the safe fix travels in data');
    const v = await h.change(DF, GATEWAY.replace('go build', 'go build -mod=mod'));
    await h.diagnostics(DF, lacks('go-build-mod-flag'), v);
  } finally {
    h.dispose();
  }
});

test('an ignore file gets diagnostics on open and on change (invalid pattern, then fixed)', async () => {
  const h = await startHarness(goWorkspace({}, '.git\n'));
  try {
    await h.open(DF, 'dockerfile');
    await h.open('.dockerignore', 'dockerignore');
    await h.diagnostics('.dockerignore', lacks('invalid-pattern'));
    const v = await h.change('.dockerignore', '.git\nvendor/[\n');
    const ds = await h.diagnostics('.dockerignore', has('invalid-pattern'), v);
    const d = ds.find((x) => x.code === 'invalid-pattern')!;
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.equal(d.range.start.line, 1);
    assert.match(d.message, /syntax error in pattern/);
    const v2 = await h.change('.dockerignore', '.git\nvendor/\n');
    await h.diagnostics('.dockerignore', lacks('invalid-pattern'), v2);
  } finally {
    h.dispose();
  }
});

test('editing the ignore file re-checks the Dockerfiles that use it (buffer, then disk + watched event)', async () => {
  const h = await startHarness(goWorkspace());
  try {
    await h.open(DF, 'dockerfile');
    await h.diagnostics(DF, has('heavy-directory-in-context'));
    // Unsaved buffer of the ignore file: what is on screen is what is checked.
    await h.open('.dockerignore', 'dockerignore', '.git\n');
    await h.change('.dockerignore', '.git\nvendor/\n');
    await h.diagnostics(DF, lacks('heavy-directory-in-context'));
    // Closing the buffer without saving: the disk version (no vendor/) is back in force.
    await h.close('.dockerignore');
    await h.diagnostics(DF, has('heavy-directory-in-context'));
    // Saved on disk by another tool: the watcher event alone re-checks.
    fs.writeFileSync(h.abs('.dockerignore'), '.git\nvendor/\n');
    await h.watched([{ uri: h.uri('.dockerignore'), type: FileChangeType.Changed }]);
    await h.diagnostics(DF, lacks('heavy-directory-in-context'));
  } finally {
    h.dispose();
  }
});

test('a Dockerfile with no ignore file is re-checked when .dockerignore appears', async () => {
  const h = await startHarness(goWorkspace({}, null));
  try {
    await h.open(DF, 'dockerfile');
    await h.diagnostics(DF, has('heavy-directory-in-context'));
    fs.writeFileSync(h.abs('.dockerignore'), 'vendor/\n');
    await h.watched([{ uri: h.uri('.dockerignore'), type: FileChangeType.Created }]);
    await h.diagnostics(DF, lacks('heavy-directory-in-context'));
  } finally {
    h.dispose();
  }
});

test('closing a document clears its diagnostics', async () => {
  const h = await startHarness(goWorkspace());
  try {
    await h.open(DF, 'dockerfile');
    await h.diagnostics(DF, (ds) => ds.length > 0);
    await h.close(DF);
    await h.diagnostics(DF, (ds) => ds.length === 0);
  } finally {
    h.dispose();
  }
});

test('closing the last document of a context cancels its running scan (a superseded context)', async () => {
  const signals: AbortSignal[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  // The real scan runs; its result is held back until the document is closed.
  const held: ScanEngine = {
    ...engineScanner,
    scan: async (req, signal, p) => {
      signals.push(signal);
      const scan = await engineScanner.scan(req, signal, p);
      await gate;
      return scan;
    },
  };
  const h = await startHarness(goWorkspace(), { server: { scanner: held } });
  try {
    await h.open(DF, 'dockerfile');
    // Diagnostics come before discovery lands (issue 4); the scan starts with the re-check after it.
    await h.until('the scan to start', () => (signals.length > 0 ? true : undefined));
    assert.equal(signals.length, 1);
    assert.equal(signals[0]!.aborted, false);
    await h.close(DF);
    // Closing publishes empty diagnostics; the scan must be cancelled by then.
    await h.until('the scan to be cancelled', () => (signals[0]!.aborted ? true : undefined));
  } finally {
    release();
    h.dispose();
  }
});

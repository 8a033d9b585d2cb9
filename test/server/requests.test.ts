// Custom requests and context-driven features: the summary, incremental updates from watched
// files without a rescan, workspace fix-all, hover, CodeLens and the report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import {
  CodeLensRequest,
  FileChangeType,
  HoverRequest,
  type MarkupContent,
  type TextDocumentEdit,
  type CreateFile,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { applyTextEdits } from '../../server/src/engine/edits';
import {
  ContextReportRequest,
  ContextSummaryRequest,
  WorkspaceFixAllRequest,
  type ContextSummary,
} from '../../server/src/protocol';
import { engineScanner } from '../../server/src/workspace/engine';
import type { ScanEngine } from '../../server/src/workspace/contexts';
import { startHarness, type Harness } from './harness';
import { GATEWAY, VENDOR_FILES, goWorkspace, vendorBytes } from './fixtures';

const DF = 'docker/gateway.Dockerfile';

function summary(h: Harness, ok: (s: ContextSummary) => boolean = (s) => s.state === 'ready'): Promise<ContextSummary> {
  return h.poll('summary', async () => {
    const s = await h.client.sendRequest(ContextSummaryRequest, { uri: h.uri(DF) });
    return s && ok(s) ? s : undefined;
  });
}

function diskTotals(root: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const e of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) {
      files++;
      bytes += fs.statSync(`${e.parentPath}/${e.name}`).size;
    }
  }
  return { files, bytes };
}

test('the summary names the inferred context, its ignore file and sizes that match the disk', async () => {
  const root = goWorkspace();
  const h = await startHarness(root);
  try {
    await h.open(DF, 'dockerfile');
    await h.diagnostics(DF, (ds) => ds.some((d) => d.code === 'heavy-directory-in-context'));
    const s = await summary(h);
    assert.equal(s.contextDir, root);
    assert.equal(s.ignoreFile, h.abs('.dockerignore'));
    assert.equal(s.builder, 'buildkit');
    assert.equal(s.provenance, 'inferred from COPY sources');
    assert.deepEqual(s.sent, diskTotals(root));
    assert.deepEqual(s.largest[0], { path: 'vendor', files: VENDOR_FILES + 1, bytes: vendorBytes() });
    assert.ok(
      s.largest.every((d) => !d.path.startsWith('vendor/')),
      'nested directories of a listed one are not repeated',
    );
    assert.deepEqual(s.transferred, s.sent, 'COPY . . transfers everything');
    assert.ok(s.savings.some((x) => x.ruleId === 'heavy-directory-in-context' && x.bytes === vendorBytes()));
    assert.equal(s.contextSizeWarning, 100 * 1024 * 1024);
    assert.ok(h.stateNotifications.length > 0, 'the client heard about the scan');
  } finally {
    h.dispose();
  }
});

test('settings override .buildctx.json, which overrides the defaults', async () => {
  const h = await startHarness(
    goWorkspace({ '.buildctx.json': '{"contextSizeWarning": 1000, "builder": "classic"}' }),
    { settings: { contextSizeWarning: 2000, builder: null } },
  );
  try {
    await h.open(DF, 'dockerfile');
    const s = await summary(h);
    assert.equal(s.contextSizeWarning, 2000);
    assert.equal(s.builder, 'classic');
  } finally {
    h.dispose();
  }
});

test('a watched-file event updates the summary in place: no second scan', async () => {
  let scans = 0;
  const counting: ScanEngine = {
    ...engineScanner,
    scan: (...a) => {
      scans++;
      return engineScanner.scan(...a);
    },
  };
  const h = await startHarness(goWorkspace(), { server: { scanner: counting } });
  try {
    await h.open(DF, 'dockerfile');
    const before = await summary(h);
    fs.writeFileSync(h.abs('cmd/gateway/extra.go'), Buffer.alloc(1000, 'y'));
    await h.watched([{ uri: h.uri('cmd/gateway/extra.go'), type: FileChangeType.Created }]);
    const grown = await summary(h, (s) => s.sent?.files === before.sent!.files + 1);
    assert.equal(grown.sent!.bytes, before.sent!.bytes + 1000);
    fs.rmSync(h.abs('vendor'), { recursive: true });
    await h.watched([{ uri: h.uri('vendor'), type: FileChangeType.Deleted }]);
    const shrunk = await summary(h, (s) => s.sent!.files === grown.sent!.files - (VENDOR_FILES + 1));
    assert.equal(shrunk.sent!.bytes, grown.sent!.bytes - vendorBytes());
    assert.equal(scans, 1);
  } finally {
    h.dispose();
  }
});

test('a .dockerignore that appears re-matches the scanned tree instead of walking the context again', async () => {
  let scans = 0;
  const counting: ScanEngine = {
    ...engineScanner,
    scan: (...a) => {
      scans++;
      return engineScanner.scan(...a);
    },
  };
  const h = await startHarness(goWorkspace({}, null), { server: { scanner: counting } });
  try {
    await h.open(DF, 'dockerfile');
    const before = await summary(h);
    assert.equal(before.ignoreFile, null);
    fs.writeFileSync(h.abs('.dockerignore'), 'vendor/\n');
    await h.watched([{ uri: h.uri('.dockerignore'), type: FileChangeType.Created }]);
    const after = await summary(h, (s) => s.state === 'ready' && s.ignoreFile === h.abs('.dockerignore'));
    assert.equal(after.sent!.bytes, before.sent!.bytes - vendorBytes() + 'vendor/\n'.length);
    assert.equal(after.excluded!.bytes, vendorBytes());
    assert.equal(scans, 1);
  } finally {
    h.dispose();
  }
});

test('workspace fix-all returns one edit over every file, what it fixes and the bytes it saves', async () => {
  const worker = GATEWAY.replaceAll('gateway', 'worker');
  const h = await startHarness(
    goWorkspace({ 'docker/worker.Dockerfile': worker, 'cmd/worker/main.go': 'package main\n' }, '.git\r\n'),
  );
  try {
    await h.open(DF, 'dockerfile'); // open: versioned; worker.Dockerfile stays on disk: version null
    const r = await h.client.sendRequest(WorkspaceFixAllRequest, {});
    assert.deepEqual(
      r.files,
      ['.dockerignore', 'docker/gateway.Dockerfile', 'docker/worker.Dockerfile'].map((f) => h.uri(f)),
    );
    assert.ok(r.problems >= 3, `go build twice and vendor/ once, got ${r.problems}`);
    assert.equal(r.saved.bytes, vendorBytes());
    assert.equal(r.saved.files, VENDOR_FILES + 1);
    const changes = r.edit.documentChanges as TextDocumentEdit[];
    const after = (rel: string): string => {
      const e = changes.find((c) => c.textDocument.uri === h.uri(rel))!;
      return applyTextEdits(fs.readFileSync(h.abs(rel), 'utf8'), e.edits).text;
    };
    assert.equal(after('.dockerignore'), '.git\r\nvendor/\r\n', 'CRLF kept');
    assert.match(after(DF), /go build -mod=mod -o \/out\/gateway/);
    assert.match(after('docker/worker.Dockerfile'), /go build -mod=mod -o \/out\/worker/);
    assert.equal(changes.find((c) => c.textDocument.uri === h.uri(DF))!.textDocument.version, 1);
    assert.equal(
      changes.find((c) => c.textDocument.uri === h.uri('docker/worker.Dockerfile'))!.textDocument.version,
      null,
    );
    // Computing the edit left the live context as the editor shows it.
    const s = await summary(h);
    assert.ok(s.sent!.bytes > vendorBytes());
  } finally {
    h.dispose();
  }
});

test('workspace fix-all creates a missing .dockerignore', async () => {
  const h = await startHarness(goWorkspace({}, null));
  try {
    const r = await h.client.sendRequest(WorkspaceFixAllRequest, {});
    const create = r.edit.documentChanges!.find((c): c is CreateFile => 'kind' in c && c.kind === 'create');
    assert.equal(create?.uri, h.uri('.dockerignore'));
    assert.ok(r.files.includes(h.uri('.dockerignore')));
  } finally {
    h.dispose();
  }
});

test('hover on COPY . . and the CodeLens above it say what it sends; the report pictures it', async () => {
  const h = await startHarness(goWorkspace());
  try {
    await h.open(DF, 'dockerfile');
    const s = await summary(h);
    const ask = () =>
      h.client.sendRequest(HoverRequest.type, {
        textDocument: { uri: h.uri(DF) },
        position: { line: 4, character: 2 },
      });
    // The first hover asks for the build-input model of the live scan; it lands in the background.
    await ask();
    await h.server.project.work.done();
    const hover = await ask();
    const md = (hover!.contents as MarkupContent).value;
    // One story, biggest cost first: the first line names what is sent and never read (issue 16).
    assert.match(
      md.split('\n')[0] ?? '',
      /^`COPY \. \.` sends `vendor\/` \*\*960\.1 KiB\*\*.* the build never reads, of \*\*/,
    );
    assert.match(md, /The build reads 3 files, .*; sent but not needed: \*\*244 files, .*\*\* \(>99%/);
    assert.match(md, /\[Fix…\]\(command:editor\.action\.quickFix\)/);
    assert.match(md, new RegExp(`${s.sent!.files} files`));
    assert.match(md, /`vendor\/`/);
    assert.equal(
      await h.client.sendRequest(HoverRequest.type, {
        textDocument: { uri: h.uri(DF) },
        position: { line: 1, character: 2 },
      }),
      null,
    );
    await h.until('a CodeLens refresh once the scan landed', () => (h.lensRefreshes > 0 ? true : undefined));
    assert.match(md, /context `\.` \(inferred from COPY sources\), buildkit/);
    const lenses = await h.client.sendRequest(CodeLensRequest.type, { textDocument: { uri: h.uri(DF) } });
    assert.equal(lenses!.length, 1);
    assert.equal(lenses![0].range.start.line, 4);
    assert.match(lenses![0].command!.title, /sends 960\.3 KiB · 247 files · vendor\/ 960\.1 KiB never read$/);
    const report = await h.client.sendRequest(ContextReportRequest, { uri: h.uri(DF) });
    assert.ok(
      report!.map.root.children.some((c) => c.path === 'vendor' && c.needed.bytes + c.unused.bytes === vendorBytes()),
    );
    assert.deepEqual(
      report!.copies.map((c) => c.line),
      [2, 4],
    );
    assert.equal(URI.parse(report!.summary.uri).fsPath, h.abs(DF));
  } finally {
    h.dispose();
  }
});

// Issue 16: ignore-file lines you can see through. Inlay hints and the hover follow the unsaved
// buffer, the client is asked to refresh when the scan changes, and a setting turns hints off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import {
  DidChangeConfigurationNotification,
  FileChangeType,
  HoverRequest,
  InlayHintRequest,
  type InlayHint,
  type MarkupContent,
} from 'vscode-languageserver/node';
import { formatBytes } from '../../server/src/engine/format';
import { startHarness, type Harness } from './harness';
import { VENDOR_FILE_SIZE, VENDOR_FILES, goWorkspace, vendorBytes } from './fixtures';

const IGNORE = '.git\nvendor/\n';
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };

function hintsNow(h: Harness): Promise<InlayHint[]> {
  return h.client
    .sendRequest(InlayHintRequest.type, { textDocument: { uri: h.uri('.dockerignore') }, range: WHOLE })
    .then((x) => x ?? []);
}

/** Line → label, e.g. `{ 1: '−241 files · 963.1 KiB' }`. */
const byLine = (hs: InlayHint[]): Record<number, string> =>
  Object.fromEntries(hs.map((x) => [x.position.line, typeof x.label === 'string' ? x.label : '']));

function hints(h: Harness, ok: (l: Record<number, string>) => boolean): Promise<Record<number, string>> {
  return h.poll('inlay hints', async () => {
    const l = byLine(await hintsNow(h));
    return ok(l) ? l : undefined;
  });
}

const out = (files: number, bytes: number): string => `\u2212${files} files · ${formatBytes(bytes)}`;

async function opened(): Promise<Harness> {
  const h = await startHarness(goWorkspace({}, IGNORE));
  await h.open('.dockerignore', 'dockerignore');
  return h;
}

test('each line of .dockerignore shows what it keeps out, at the end of the line', async () => {
  const h = await opened();
  try {
    const l = await hints(h, (x) => x[1] !== undefined);
    assert.deepEqual(l, { 0: 'matches nothing', 1: out(VENDOR_FILES + 1, vendorBytes()) });
    const [, vendor] = await hintsNow(h);
    assert.deepEqual(vendor!.position, { line: 1, character: 'vendor/'.length });
    assert.equal(vendor!.paddingLeft, true);
  } finally {
    h.dispose();
  }
});

test('an unsaved edit changes the hints at once, from the buffer, not the disk', async () => {
  const h = await opened();
  try {
    await hints(h, (x) => x[1] !== undefined);
    await h.change('.dockerignore', 'vendor/\n!vendor/modules.txt\n# note\n');
    // Asked right after the edit, before its diagnostics: the hints already follow the buffer.
    const l = byLine(await hintsNow(h));
    const modules = vendorBytes() - VENDOR_FILES * VENDOR_FILE_SIZE;
    assert.deepEqual(l, {
      0: out(VENDOR_FILES, VENDOR_FILES * VENDOR_FILE_SIZE),
      1: `+1 file · ${formatBytes(modules)} re-included`,
    });
    assert.equal(fs.readFileSync(h.abs('.dockerignore'), 'utf8'), IGNORE, 'nothing was saved');
  } finally {
    h.dispose();
  }
});

test('a file appearing in the context refreshes the hints: the client is asked to re-query', async () => {
  const h = await opened();
  try {
    await hints(h, (x) => x[1] !== undefined);
    const before = h.inlayRefreshes;
    fs.writeFileSync(h.abs('vendor/extra.go'), 'package x\n');
    await h.watched([{ uri: h.uri('vendor/extra.go'), type: FileChangeType.Created }]);
    await h.until('an inlay hint refresh request', () => (h.inlayRefreshes > before ? true : undefined));
    const l = byLine(await hintsNow(h));
    assert.equal(l[1], out(VENDOR_FILES + 2, vendorBytes() + 'package x\n'.length));
  } finally {
    h.dispose();
  }
});

test('the hover on a line lists example paths, the line deciding them, and the context', async () => {
  const h = await startHarness(goWorkspace({}, 'vendor/\n!vendor/modules.txt\n'));
  try {
    await h.open('.dockerignore', 'dockerignore');
    await hints(h, (x) => x[0] !== undefined);
    const hover = await h.client.sendRequest(HoverRequest.type, {
      textDocument: { uri: h.uri('.dockerignore') },
      position: { line: 1, character: 3 },
    });
    const text = (hover!.contents as MarkupContent).value;
    assert.match(text, /^\*\*`!vendor\/modules\.txt`\*\* re-includes \*\*1 file, /);
    assert.match(text, /- `vendor\/modules\.txt`: sent, decided by this line/);
    assert.match(text, /context `\.` \(inferred from COPY sources\), buildkit/);
    assert.deepEqual(hover!.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 19 } });
  } finally {
    h.dispose();
  }
});

test('buildctx.inlayHints.enabled: false turns the hints off, live', async () => {
  const h = await opened();
  try {
    await hints(h, (x) => x[1] !== undefined);
    const before = h.inlayRefreshes;
    h.settings = { inlayHints: { enabled: false } };
    await h.client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await h.until('a refresh after the settings change', () => (h.inlayRefreshes > before ? true : undefined));
    assert.deepEqual(await hintsNow(h), []);
    h.settings = {};
    await h.client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await hints(h, (x) => x[1] !== undefined);
  } finally {
    h.dispose();
  }
});

test('a Dockerfile-specific ignore file (<name>.Dockerfile.dockerignore) gets its hints too', async () => {
  const rel = 'docker/gateway.Dockerfile.dockerignore';
  const h = await startHarness(goWorkspace({ [rel]: 'vendor/example.com/\n' }, IGNORE));
  try {
    await h.open(rel, 'dockerignore');
    const l = await h.poll('hints of the Dockerfile-specific file', async () => {
      const hs = await h.client.sendRequest(InlayHintRequest.type, { textDocument: { uri: h.uri(rel) }, range: WHOLE });
      return hs && hs.length > 0 ? byLine(hs) : undefined;
    });
    assert.deepEqual(l, { 0: out(VENDOR_FILES, VENDOR_FILES * VENDOR_FILE_SIZE) });
  } finally {
    h.dispose();
  }
});

// buildctx/excluded, the Explorer's question (issue 16): per path, whether the active
// Dockerfile's build keeps it out and which ignore-file line decided, from the held scan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { ContextSummaryRequest, ExcludedRequest, type ExcludedResult } from '../../server/src/protocol';
import { startHarness, type Harness } from './harness';
import { goWorkspace } from './fixtures';

const DF = 'docker/gateway.Dockerfile';
const IGNORE = '.git\n# dependencies come from the module cache\nvendor/\ndocs\n!docs/keep.md\n';
const SENT = { excluded: false, pattern: null, line: null };

async function ready(h: Harness): Promise<void> {
  await h.open(DF, 'dockerfile');
  await h.poll('a finished scan', async () => {
    const s = await h.client.sendRequest(ContextSummaryRequest, { uri: h.uri(DF) });
    return s?.state === 'ready' ? s : undefined;
  });
}

function ask(h: Harness, rels: string[], active = DF): Promise<ExcludedResult> {
  return h.client.sendRequest(ExcludedRequest, { uri: h.uri(active), paths: rels.map((r) => h.uri(r)) });
}

function workspace(): string {
  return goWorkspace({ 'docs/keep.md': '# kept\n', 'docs/draft.md': '# draft\n', 'notes/todo.md': '-\n' }, IGNORE);
}

test('excluded files and folders name the deciding pattern and its 1-based line; sent ones are not marked', async () => {
  const h = await startHarness(workspace());
  try {
    await ready(h);
    const r = await ask(h, ['vendor', 'vendor/modules.txt', 'go.mod', 'cmd', 'cmd/gateway/main.go', 'docs/draft.md']);
    assert.equal(r.ignoreFile, h.abs('.dockerignore'));
    assert.equal(r.dockerfile, h.abs(DF));
    assert.deepEqual(r.verdicts, [
      { excluded: true, pattern: 'vendor/', line: 3 },
      { excluded: true, pattern: 'vendor/', line: 3 },
      SENT,
      SENT,
      SENT,
      { excluded: true, pattern: 'docs', line: 4 },
    ]);
  } finally {
    h.dispose();
  }
});

test('a folder something is re-included from is sent, as Docker sends it', async () => {
  const h = await startHarness(workspace());
  try {
    await ready(h);
    const r = await ask(h, ['docs', 'docs/keep.md']);
    assert.deepEqual(r.verdicts, [SENT, SENT]);
  } finally {
    h.dispose();
  }
});

test('paths outside the context, the context itself and paths the scan has not seen are not marked', async () => {
  const h = await startHarness(workspace());
  try {
    await ready(h);
    const outside = URI.file(path.join(path.dirname(h.root), 'elsewhere', 'vendor')).toString();
    const r = await h.client.sendRequest(ExcludedRequest, {
      uri: h.uri(DF),
      paths: [outside, h.uri(''), h.uri('vendor/not-there-yet.go'), h.uri('nowhere/file')],
    });
    assert.deepEqual(r.verdicts, [SENT, SENT, SENT, SENT]);
  } finally {
    h.dispose();
  }
});

test('the ignore file as the active document answers for its build', async () => {
  const h = await startHarness(workspace());
  try {
    await ready(h);
    await h.open('.dockerignore', 'dockerignore');
    const r = await ask(h, ['vendor/modules.txt', 'go.sum'], '.dockerignore');
    assert.deepEqual(r.verdicts, [{ excluded: true, pattern: 'vendor/', line: 3 }, SENT]);
    assert.equal(r.dockerfile, h.abs(DF), 'the build the ignore file serves');
  } finally {
    h.dispose();
  }
});

test('answers follow an unsaved ignore-file edit (the held scan is re-matched, not re-walked)', async () => {
  const h = await startHarness(workspace());
  try {
    await ready(h);
    await h.open('.dockerignore', 'dockerignore');
    await h.change('.dockerignore', '.git\nnotes/\n');
    const r = await h.poll('vendor/ sent and notes/ kept out', async () => {
      const x = await ask(h, ['vendor', 'notes/todo.md']);
      return x.verdicts[0]?.excluded === false && x.verdicts[1]?.excluded ? x : undefined;
    });
    assert.deepEqual(r.verdicts, [SENT, { excluded: true, pattern: 'notes/', line: 2 }]);
  } finally {
    h.dispose();
  }
});

test('a document with no build, or a build whose ignore file fails it, marks nothing', async () => {
  const h = await startHarness(goWorkspace({}, 'vendor/\n[\n'));
  try {
    await ready(h);
    const none = await h.client.sendRequest(ExcludedRequest, { uri: h.uri('go.mod'), paths: [h.uri('vendor')] });
    assert.deepEqual(none, { dockerfile: null, ignoreFile: null, verdicts: [SENT] });
    const fatal = await ask(h, ['vendor']);
    assert.deepEqual(fatal.verdicts, [SENT]);
  } finally {
    h.dispose();
  }
});

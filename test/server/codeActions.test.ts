// Code actions read the fixes carried by diagnostics: the COPY . . fix lands in .dockerignore,
// a missing .dockerignore is created, and source.fixAll.buildctx fixes the whole file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancellationTokenSource,
  CodeActionRequest,
  CodeActionResolveRequest,
  LSPErrorCodes,
  type CodeAction,
  type ResponseError,
  type CreateFile,
  type Diagnostic,
  type TextDocumentEdit,
} from 'vscode-languageserver/node';
import { applyTextEdits } from '../../server/src/engine/edits';
import { codeActions, resolveCodeAction, type ActionDeps } from '../../server/src/features/codeActions';
import { fixAllHooks } from '../../server/src/features/fixAll';
import { startHarness, type Harness } from './harness';
import { GATEWAY, goWorkspace } from './fixtures';

const DF = 'docker/gateway.Dockerfile';
/** A client like VS Code, which resolves a code action's edit when the user picks it. */
const RESOLVES = { codeAction: { resolveSupport: { properties: ['edit'] } } };
const heavy = (ds: Diagnostic[]): Diagnostic | undefined => ds.find((d) => d.code === 'heavy-directory-in-context');

async function actions(h: Harness, rel: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const res = await h.client.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: h.uri(rel) },
    range,
    context: { diagnostics, ...(only ? { only } : {}) },
  });
  return (res ?? []) as CodeAction[];
}

function textEdits(a: CodeAction): TextDocumentEdit[] {
  return (a.edit?.documentChanges ?? []).filter((c): c is TextDocumentEdit => 'textDocument' in c);
}

test('the quick fix on COPY . . adds vendor/ to .dockerignore, keeping the file as written', async () => {
  const h = await startHarness(goWorkspace({}, '.git'), { textDocument: RESOLVES }); // no final newline: must not glue patterns
  try {
    await h.open(DF, 'dockerfile');
    const d = heavy(await h.diagnostics(DF, (ds) => heavy(ds) !== undefined))!;
    assert.equal(d.range.start.line, 4, 'on the COPY . . line');
    const list = await actions(h, DF, [d]);
    const fix = list.find((a) => a.isPreferred);
    assert.ok(fix, `a preferred quick fix among ${list.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.kind, 'quickfix');
    const [edit] = textEdits(fix);
    assert.equal(edit.textDocument.uri, h.uri('.dockerignore'));
    const after = applyTextEdits('.git', edit.edits).text;
    assert.equal(after, '.git\nvendor/');
    assert.ok(list.some((a) => a.title.startsWith('Fix all buildctx problems in this file')));
    // The allow-list rewrite is offered too, as a change VS Code shows for review first.
    const allow = list.find((a) => a.title.startsWith('Write a minimal .dockerignore'))!;
    assert.equal(allow.isPreferred, false);
    assert.deepEqual(
      Object.values(allow.edit!.changeAnnotations ?? {}).map((c) => c.needsConfirmation),
      [true],
    );
    assert.ok(textEdits(allow)[0]!.edits.every((e) => 'annotationId' in e));
  } finally {
    h.dispose();
  }
});

test('without a .dockerignore the fix creates it (CreateFile, then its content)', async () => {
  const h = await startHarness(goWorkspace({}, null));
  try {
    await h.open(DF, 'dockerfile');
    const d = heavy(await h.diagnostics(DF, (ds) => heavy(ds) !== undefined))!;
    const fix = (await actions(h, DF, [d])).find((a) => a.isPreferred)!;
    const changes = fix.edit!.documentChanges!;
    const create = changes[0] as CreateFile;
    assert.equal(create.kind, 'create');
    assert.equal(create.uri, h.uri('.dockerignore'));
    assert.deepEqual(create.options, { ignoreIfExists: true });
    const edit = changes[1] as TextDocumentEdit;
    assert.equal(edit.textDocument.uri, h.uri('.dockerignore'));
    assert.match(applyTextEdits('', edit.edits).text, /^vendor\/$/m);
  } finally {
    h.dispose();
  }
});

test('source.fixAll.buildctx fixes every safe problem of the file, versioned against the buffer', async () => {
  const h = await startHarness(goWorkspace());
  try {
    await h.open(DF, 'dockerfile');
    await h.diagnostics(DF, (ds) => ds.some((d) => d.code === 'go-build-mod-flag') && heavy(ds) !== undefined);
    const list = await actions(h, DF, [], ['source.fixAll']);
    assert.equal(list.length, 1);
    const [fixAll] = list;
    assert.equal(fixAll.kind, 'source.fixAll.buildctx');
    const edits = textEdits(fixAll);
    const df = edits.find((e) => e.textDocument.uri === h.uri(DF))!;
    assert.equal(df.textDocument.version, 1, 'refused by the editor if the buffer moved on');
    assert.match(applyTextEdits(GATEWAY, df.edits).text, /go build -mod=mod -o \/out\/gateway/);
    const ignore = edits.find((e) => e.textDocument.uri === h.uri('.dockerignore'))!;
    assert.match(applyTextEdits('.git\n', ignore.edits).text, /^vendor\/$/m);
    // Quick-fix requests alone never get the source action.
    assert.ok((await actions(h, DF, [], ['quickfix'])).every((a) => a.kind === 'quickfix'));
  } finally {
    h.dispose();
  }
});

test('a clean file offers no fix-all', async () => {
  const clean = GATEWAY.replace('go build', 'go build -mod=mod');
  const h = await startHarness(goWorkspace({ 'docker/gateway.Dockerfile': clean }, '.git\nvendor/\n'));
  try {
    await h.open(DF, 'dockerfile');
    await h.diagnostics(DF, (ds) => ds.every((d) => d.code !== 'go-build-mod-flag'));
    assert.deepEqual(await actions(h, DF, [], ['source.fixAll.buildctx']), []);
  } finally {
    h.dispose();
  }
});

/** Counts fix-all re-check passes while `body` runs (the seam fixAll.ts offers tests). */
async function countingPasses<T>(body: (passes: () => number) => Promise<T>): Promise<T> {
  let n = 0;
  fixAllHooks.onPass = () => {
    n++;
  };
  try {
    return await body(() => n);
  } finally {
    fixAllHooks.onPass = undefined;
  }
}

test('Ctrl+. runs no fix-all pass; resolving the fix-all yields the same edit as computing it eagerly', async () => {
  const root = goWorkspace();
  // The eager edit: a client without resolveSupport asking for source.fixAll (codeActionsOnSave).
  const plain = await startHarness(root);
  let eager: CodeAction;
  try {
    await plain.open(DF, 'dockerfile');
    await plain.diagnostics(DF, (ds) => ds.some((d) => d.code === 'go-build-mod-flag') && heavy(ds) !== undefined);
    [eager] = await actions(plain, DF, [], ['source.fixAll.buildctx']);
    assert.ok(eager?.edit, 'computed at once for a client that cannot resolve');
  } finally {
    plain.dispose();
  }
  const h = await startHarness(root, { textDocument: RESOLVES });
  try {
    await h.open(DF, 'dockerfile');
    const ds = await h.diagnostics(DF, (x) => x.some((d) => d.code === 'go-build-mod-flag') && heavy(x) !== undefined);
    await countingPasses(async (passes) => {
      const list = await actions(h, DF, [heavy(ds)!]);
      const source = await actions(h, DF, [], ['source.fixAll']);
      assert.equal(passes(), 0, 'a codeAction request computes no fix-all');
      const deferred = list.find((a) => a.title.startsWith('Fix all buildctx problems in this file'));
      assert.ok(deferred && !deferred.edit, 'offered without its edit');
      assert.equal(deferred.title, 'Fix all buildctx problems in this file (2)');
      assert.equal(source.length, 1);
      assert.equal(source[0]!.edit, undefined);
      for (const a of [deferred, source[0]!]) {
        const resolved = await h.client.sendRequest(CodeActionResolveRequest.type, a);
        assert.deepEqual(resolved.edit, eager.edit, `resolve of "${a.title}" gives the eager edit`);
      }
      assert.ok(passes() > 0, 'resolve is where the fix-all runs');
    });
  } finally {
    h.dispose();
  }
});

test('without resolveSupport a Ctrl+. request offers quick fixes only and runs no fix-all pass', async () => {
  const h = await startHarness(goWorkspace());
  try {
    await h.open(DF, 'dockerfile');
    const d = heavy(await h.diagnostics(DF, (ds) => heavy(ds) !== undefined))!;
    await countingPasses(async (passes) => {
      const list = await actions(h, DF, [d]);
      assert.ok(list.length > 0 && list.every((a) => a.kind === 'quickfix' && a.edit !== undefined));
      assert.ok(list.every((a) => !a.title.startsWith('Fix all')));
      assert.equal(passes(), 0);
    });
  } finally {
    h.dispose();
  }
});

test('the server advertises resolveProvider for code actions', async () => {
  const h = await startHarness(goWorkspace());
  try {
    const cap = h.initResult.capabilities.codeActionProvider;
    assert.ok(typeof cap === 'object' && cap.resolveProvider === true);
    assert.deepEqual(cap.codeActionKinds, ['quickfix', 'source.fixAll.buildctx']);
  } finally {
    h.dispose();
  }
});

test('a cancelled request stops: no fix-all edit is returned, the error says cancelled', async () => {
  const source = new CancellationTokenSource();
  let computed = 0;
  const deps: ActionDeps = {
    versionOf: () => null,
    fixable: () => 3,
    // The user moves on while the fix-all runs.
    fixFile: async () => {
      computed++;
      source.cancel();
      return { edit: { changes: {} }, problems: 3 };
    },
  };
  const params = {
    textDocument: { uri: 'file:///w/Dockerfile' },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  };
  await assert.rejects(
    codeActions(deps, params, false, source.token),
    (e: ResponseError<void>) => e.code === LSPErrorCodes.RequestCancelled,
  );
  const fresh = new CancellationTokenSource();
  const deferred = await codeActions(deps, params, true, fresh.token);
  assert.equal(computed, 1, 'the deferred action computes nothing');
  await assert.rejects(
    resolveCodeAction({ ...deps }, deferred[0]!, source.token),
    (e: ResponseError<void>) => e.code === LSPErrorCodes.RequestCancelled,
  );
  assert.equal(computed, 2);
});

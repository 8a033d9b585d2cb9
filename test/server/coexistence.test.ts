// Next to Microsoft's Container Tools or Docker DX, buildctx leaves the problems they already
// report on a Dockerfile to them, and only those (issue 16): parse errors to the Dockerfile
// Language Server all three run, an ignored COPY source to BuildKit's CopyIgnoredFile check
// when Docker DX runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, TextDocumentEdit } from 'vscode-languageserver/node';
import { OtherExtensionsNotification, WorkspaceFixAllRequest } from '../../server/src/protocol';
import { startHarness } from './harness';
import { GATEWAY, goWorkspace } from './fixtures';

const CONTAINERS = 'ms-azuretools.vscode-containers';
const DOCKER_DX = 'docker.docker';
const DF = 'docker/gateway.Dockerfile';
const codes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code)).sort();
const has =
  (...want: string[]) =>
  (ds: Diagnostic[]): boolean =>
    want.every((c) => codes(ds).includes(c));

test('Container Tools, the Docker extension or Docker DX installed: dockerfile-syntax is theirs, the rest stays', async () => {
  const broken = `${GATEWAY}COPPY a b\n`;
  for (const ext of [CONTAINERS, 'ms-azuretools.vscode-docker', DOCKER_DX]) {
    const h = await startHarness(goWorkspace({ [DF]: broken }), { init: { otherExtensions: [ext] } });
    try {
      await h.open(DF, 'dockerfile');
      const ds = await h.diagnostics(DF, has('go-build-mod-flag'));
      assert.ok(!codes(ds).includes('dockerfile-syntax'), `${ext}: ${codes(ds)}`);
    } finally {
      h.dispose();
    }
  }
});

test('installing or removing one of them while the server runs re-checks open Dockerfiles', async () => {
  const h = await startHarness(goWorkspace({ [DF]: `${GATEWAY}COPPY a b\n` }));
  try {
    await h.open(DF, 'dockerfile');
    await h.diagnostics(DF, has('dockerfile-syntax', 'go-build-mod-flag'));
    await h.client.sendNotification(OtherExtensionsNotification, { extensions: [CONTAINERS] });
    await h.diagnostics(DF, (ds) => has('go-build-mod-flag')(ds) && !has('dockerfile-syntax')(ds));
    await h.client.sendNotification(OtherExtensionsNotification, { extensions: [] });
    await h.diagnostics(DF, has('dockerfile-syntax', 'go-build-mod-flag'));
  } finally {
    h.dispose();
  }
});

const CHECKED =
  '# check=experimental=CopyIgnoredFile\nFROM alpine\nCOPY config/app.yaml /etc/app.yaml\nCOPY missing.txt /\n';
const ignoredWorkspace = (): string =>
  goWorkspace({ 'config/app.yaml': 'a: 1\n', Dockerfile: CHECKED }, '.git\nconfig\n');

test("copy-source-ignored is Docker DX's only where the Dockerfile turns BuildKit's CopyIgnoredFile check on", async () => {
  const h = await startHarness(ignoredWorkspace(), { init: { otherExtensions: [DOCKER_DX] } });
  try {
    // Without the directive BuildKit does not run its experimental check: buildctx reports it.
    await h.open('Dockerfile', 'dockerfile', CHECKED.replace(/^# check=.*\n/, ''));
    await h.diagnostics('Dockerfile', has('copy-source-ignored', 'copy-source-missing'));
    // The context is scanned by now, so the check of this version is complete.
    const v = await h.change('Dockerfile', CHECKED);
    const ds = await h.diagnostics('Dockerfile', has('copy-source-missing'), v);
    assert.ok(!codes(ds).includes('copy-source-ignored'), codes(ds).join());
    // Container Tools runs no build checks at all.
    await h.client.sendNotification(OtherExtensionsNotification, { extensions: [CONTAINERS] });
    await h.diagnostics('Dockerfile', has('copy-source-ignored', 'copy-source-missing'));
  } finally {
    h.dispose();
  }
});

test('fix-all applies no fix of a finding left to another extension', async () => {
  const h = await startHarness(ignoredWorkspace(), { init: { otherExtensions: [DOCKER_DX] } });
  const reinclude = async (): Promise<boolean> => {
    const r = await h.client.sendRequest(WorkspaceFixAllRequest, {});
    const edits = (r.edit.documentChanges ?? []).filter((c): c is TextDocumentEdit => 'edits' in c);
    return edits.some((c) => c.edits.some((e) => e.newText.includes('!config/app.yaml')));
  };
  try {
    await h.open('Dockerfile', 'dockerfile');
    await h.diagnostics('Dockerfile', has('copy-source-missing'));
    assert.equal(await reinclude(), false);
    await h.client.sendNotification(OtherExtensionsNotification, { extensions: [] });
    await h.diagnostics('Dockerfile', has('copy-source-ignored'));
    assert.equal(await reinclude(), true);
  } finally {
    h.dispose();
  }
});

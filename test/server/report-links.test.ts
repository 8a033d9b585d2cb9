// The context report the client draws lists symlinks that point outside the context.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver/node';
import { ContextReportRequest, ContextSummaryRequest } from '../../server/src/protocol';
import { makeWorkspace, startHarness } from './harness';

test('the context report lists links leaving the context, sent or not, and follows a new one on disk', async () => {
  const root = makeWorkspace({
    Dockerfile: 'FROM scratch\nCOPY . .\n',
    '.dockerignore': 'cache-link\n',
    'src/a.txt': 'a',
  });
  fs.symlinkSync('../../outside/secret.env', path.join(root, 'src', 'env'));
  fs.symlinkSync('/var/cache', path.join(root, 'cache-link'));
  fs.symlinkSync('a.txt', path.join(root, 'src', 'alias'));
  const h = await startHarness(root);
  try {
    await h.open('Dockerfile', 'dockerfile');
    await h.poll('summary', async () => {
      const s = await h.client.sendRequest(ContextSummaryRequest, { uri: h.uri('Dockerfile') });
      return s?.state === 'ready' ? s : undefined;
    });
    const report = await h.poll('report', async () => {
      const r = await h.client.sendRequest(ContextReportRequest, { uri: h.uri('Dockerfile') });
      return r && r.summary.state === 'ready' ? r : undefined;
    });
    assert.deepEqual(report.outsideLinks, [
      { path: 'src/env', target: '../../outside/secret.env', sent: true },
      { path: 'cache-link', target: '/var/cache', sent: false },
    ]);
    // The list is kept per scan revision: a new link on disk shows up in the next report.
    fs.symlinkSync('/etc/passwd', path.join(root, 'src', 'passwd'));
    await h.watched([{ uri: h.uri('src/passwd'), type: FileChangeType.Created }]);
    const next = await h.poll('a report with the new link', async () => {
      const r = await h.client.sendRequest(ContextReportRequest, { uri: h.uri('Dockerfile') });
      return r?.outsideLinks?.some((l) => l.path === 'src/passwd') ? r : undefined;
    });
    assert.equal(next.outsideLinks?.length, 3);
  } finally {
    h.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

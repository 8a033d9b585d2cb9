// A multi-root workspace: two folders, each with its own build context. Several Dockerfiles
// sharing one context must cost one scan of it (counted through the injectable scanner), and
// each folder's findings must come from its own context.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ContextSummaryRequest, type ContextSummary } from '../../server/src/protocol';
import { engineScanner } from '../../server/src/workspace/engine';
import type { ScanEngine, ScanRequest } from '../../server/src/workspace/contexts';
import { makeWorkspace, startHarness, type Harness } from './harness';

const GO =
  'FROM golang:1.24\nWORKDIR /src\nCOPY go.mod ./\nCOPY cmd/ ./cmd/\nRUN go build -mod=mod -o /out/app ./cmd/app\n';

function summary(h: Harness, rel: string): Promise<ContextSummary> {
  return h.poll(`summary of ${rel}`, async () => {
    const s = await h.client.sendRequest(ContextSummaryRequest, { uri: h.uri(rel) });
    return s && s.state === 'ready' ? s : undefined;
  });
}

test('two workspace folders; three Dockerfiles sharing one context are scanned once', async () => {
  const root = makeWorkspace({
    'api/go.mod': 'module example.com/api\n',
    'api/cmd/app/main.go': 'package main\n',
    'api/.dockerignore': '.git\n',
    'api/Dockerfile': GO,
    'api/worker.Dockerfile': GO,
    'api/cron.Dockerfile': GO.replace('COPY go.mod ./', 'COPY go.mod only-in-web.txt ./'),
    'web/go.mod': 'module example.com/web\n',
    'web/cmd/app/main.go': 'package main\n',
    'web/only-in-web.txt': 'w\n',
    'web/Dockerfile': GO.replace('COPY go.mod ./', 'COPY go.mod only-in-api.txt ./'),
  });
  const scans: ScanRequest[] = [];
  const counting: ScanEngine = {
    ...engineScanner,
    scan: (req, ...rest) => {
      scans.push(req);
      return engineScanner.scan(req, ...rest);
    },
  };
  const h = await startHarness(root, {
    folders: [path.join(root, 'api'), path.join(root, 'web')],
    server: { scanner: counting },
  });
  try {
    const docs = ['api/Dockerfile', 'api/worker.Dockerfile', 'api/cron.Dockerfile', 'web/Dockerfile'];
    for (const rel of docs) await h.open(rel, 'dockerfile');
    const summaries = await Promise.all(docs.map((rel) => summary(h, rel)));
    assert.deepEqual(
      summaries.map((s) => s.contextDir),
      [h.abs('api'), h.abs('api'), h.abs('api'), h.abs('web')],
    );

    const missing = async (rel: string): Promise<string[]> =>
      (
        await h.diagnostics(
          rel,
          (d) =>
            d.some((x) => x.code === 'copy-source-missing') ||
            (rel !== 'api/cron.Dockerfile' && rel !== 'web/Dockerfile'),
        )
      )
        .filter((d) => d.code === 'copy-source-missing')
        .map((d) => d.message);
    // Each folder's sources are looked up in its own context, never in the other folder.
    assert.deepEqual(await missing('api/Dockerfile'), []);
    assert.match((await missing('api/cron.Dockerfile'))[0]!, /`only-in-web\.txt` does not exist/);
    assert.match((await missing('web/Dockerfile'))[0]!, /`only-in-api\.txt` does not exist/);

    const byContext = new Map<string, number>();
    for (const r of scans) byContext.set(r.contextDir, (byContext.get(r.contextDir) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(byContext), { [h.abs('api')]: 1, [h.abs('web')]: 1 });
  } finally {
    h.dispose();
  }
});

// The report of a context several Dockerfiles build: its picture (folders split into what the
// build reads, sends without reading, keeps out) sums to the scan's totals, and the report can
// switch to any build of the same context.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import {
  ContextReportRequest,
  type ContextReport,
  type ContextStateParams,
  type MapFolder,
} from '../../server/src/protocol';
import { bulkFiles, makeWorkspace, startHarness, type Harness } from './harness';

const dockerfile = (svc: string): string =>
  `FROM golang:1.24 AS builder\nWORKDIR /src\nCOPY go.mod go.sum ./\nCOPY . .\n` +
  `RUN CGO_ENABLED=0 go build -o /out/${svc} ./cmd/${svc}\nFROM scratch\nCOPY --from=builder /out/${svc} /${svc}\n`;

const workspace = (): string =>
  makeWorkspace({
    'go.mod': 'module example.com/m\n\ngo 1.24\n',
    'go.sum': '',
    '.dockerignore': 'vendor/\n',
    'docker/gateway.Dockerfile': dockerfile('gateway'),
    'docker/api.Dockerfile': dockerfile('api'),
    // Same context, its own ignore file: a build no rule of the others works out the model of.
    'docker/worker.Dockerfile': dockerfile('worker'),
    'docker/worker.Dockerfile.dockerignore': 'vendor/\ndocs/\n',
    'cmd/worker/main.go': 'package main\n\nfunc main() {}\n',
    'cmd/gateway/main.go': 'package main\n\nfunc main() {}\n',
    'cmd/api/main.go': 'package main\n\nfunc main() {}\n',
    'docs/guide.md': 'x'.repeat(5000),
    ...bulkFiles('vendor', 40, 1000),
  });

const child = (r: ContextReport, p: string): MapFolder | undefined => r.map.root.children.find((c) => c.path === p);

async function ready(h: Harness, build?: string): Promise<ContextReport> {
  return h.poll('a report with its split', async () => {
    const r = await h.client.sendRequest(ContextReportRequest, { uri: h.uri('docker/gateway.Dockerfile'), build });
    return r && r.summary.state === 'ready' && r.summary.needed && !r.map.pending ? r : undefined;
  });
}

function assertTotals(r: ContextReport): void {
  const { root } = r.map;
  assert.equal(root.needed.bytes + root.unused.bytes, r.summary.sent!.bytes);
  assert.equal(root.needed.files + root.unused.files, r.summary.sent!.files);
  assert.deepEqual(root.excluded, r.summary.excluded);
  assert.deepEqual(root.needed, r.summary.needed);
  assert.deepEqual(
    child(r, 'vendor'),
    {
      path: 'vendor',
      needed: { files: 0, bytes: 0 },
      unused: { files: 0, bytes: 0 },
      excluded: { files: 40, bytes: 40_000 },
      children: child(r, 'vendor')!.children,
    },
    'vendor/ is all kept out',
  );
}

test('the report draws the split of the shown build and lists every build of its context', async () => {
  const h = await startHarness(workspace());
  try {
    await h.open('docker/gateway.Dockerfile', 'dockerfile');
    const r = await ready(h);
    assert.deepEqual(
      r.builds.map((b) => b.label),
      ['docker/api.Dockerfile', 'docker/gateway.Dockerfile', 'docker/worker.Dockerfile'],
    );
    assert.equal(r.build, r.builds[1]!.id);
    assertTotals(r);
    assert.ok(child(r, 'cmd')!.needed.bytes > 0, 'cmd/gateway is compiled');
    assert.equal(child(r, 'docs')?.unused.bytes, 5000, 'no step reads docs/');
  } finally {
    h.dispose();
    fs.rmSync(h.root, { recursive: true, force: true });
  }
});

test('switching to a sibling build shows its report; the client hears when its model lands', async () => {
  const h = await startHarness(workspace());
  try {
    await h.open('docker/gateway.Dockerfile', 'dockerfile');
    const first = await ready(h);
    const worker = first.builds.find((b) => b.label === 'docker/worker.Dockerfile')!.id;
    const ask = () =>
      h.client.sendRequest(ContextReportRequest, { uri: h.uri('docker/gateway.Dockerfile'), build: worker });
    // Its own scan starts when it is picked; once it is done, no document of that build is open,
    // so its model is worked out for the report alone, in the background, and the client is told
    // when it lands so that the open report refreshes.
    const scanned = await h.poll('the worker build scanned', async () => {
      const r = await ask();
      return r?.summary.state === 'ready' ? r : undefined;
    });
    const heard = h.stateNotifications.length;
    assert.equal(scanned.summary.dockerfile, h.abs('docker/worker.Dockerfile'));
    assert.equal(scanned.build, worker);
    assert.equal(scanned.map.pending, true, 'the first report of the scanned build asks for its model');
    await h.until('a context-state notification naming the context once the model landed', () =>
      (h.stateNotifications.slice(heard) as ContextStateParams[]).some((n) => n.contexts.includes(h.root))
        ? true
        : undefined,
    );
    const r = await ready(h, worker);
    assert.equal(r.summary.dockerfile, h.abs('docker/worker.Dockerfile'));
    // The shown build's scan is kept although no open document uses it: checks do not drop it.
    assert.deepEqual(
      (h.stateNotifications.slice(heard) as ContextStateParams[]).filter((n) => n.scanning > 0),
      [],
      'the picked build is not scanned again',
    );
    assertTotals(r);
    assert.deepEqual(child(r, 'docs')?.excluded, { files: 1, bytes: 5000 }, 'its own ignore file keeps docs/ out');
    const unknown = await h.client.sendRequest(ContextReportRequest, {
      uri: h.uri('docker/gateway.Dockerfile'),
      build: 'not a build',
    });
    assert.equal(
      unknown?.summary.dockerfile,
      h.abs('docker/gateway.Dockerfile'),
      'an unknown choice shows the default',
    );
  } finally {
    h.dispose();
    fs.rmSync(h.root, { recursive: true, force: true });
  }
});

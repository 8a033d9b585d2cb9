import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContextScan, DirEntry } from '../../../server/src/engine/context/model';
import { computeTransfer } from '../../../server/src/engine/context/transfer';
import { parseDockerfile } from '../../../server/src/engine/dockerfile';
import type { Builder } from '../../../server/src/engine/types';

/** A scan of an in-memory tree: `path -> size`, a negative size meaning "excluded by pattern 0". */
function scanOf(files: Record<string, number>, builder: Builder = 'buildkit'): ContextScan {
  const dir = (name: string, p: string): DirEntry => ({
    name,
    path: p,
    excludedBy: -1,
    dirs: new Map(),
    files: new Map(),
    sent: { files: 0, bytes: 0 },
    excluded: { files: 0, bytes: 0 },
  });
  const root = dir('', '');
  for (const [p, signed] of Object.entries(files)) {
    const parts = p.split('/');
    const size = Math.abs(signed);
    const excluded = signed < 0;
    let d = root;
    const chain = [root];
    for (const name of parts.slice(0, -1)) {
      let next = d.dirs.get(name);
      if (!next) {
        next = dir(name, d.path ? `${d.path}/${name}` : name);
        d.dirs.set(name, next);
      }
      d = next;
      chain.push(d);
    }
    d.files.set(parts[parts.length - 1]!, {
      name: parts[parts.length - 1]!,
      size,
      kind: 'file',
      excludedBy: excluded ? 0 : -1,
    });
    for (const c of chain) {
      const t = excluded ? c.excluded : c.sent;
      t.files++;
      t.bytes += size;
    }
  }
  return {
    contextDir: '/ctx',
    builder,
    ignoreFile: null,
    patterns: [],
    root,
    sent: { ...root.sent },
    excluded: { ...root.excluded },
    patternStats: [],
    errors: [],
    fatal: null,
  };
}

const FILES = {
  'go.mod': 10,
  'go.sum': 20,
  'main.go': 100,
  'util.go': 50,
  'README.md': 5,
  'cmd/api/main.go': 200,
  'cmd/worker/main.go': 300,
  'cmd/worker/extra.go': 7,
  'vendor/modules.txt': 1000,
  'vendor/a/a.go': 4000,
  'docs/guide.md': 60,
  'secret.env': -9,
};
const transfer = (dockerfile: string, builder: Builder = 'buildkit', files: Record<string, number> = FILES) =>
  computeTransfer(scanOf(files, builder), parseDockerfile(dockerfile));

test('COPY . . transfers the whole (ignore-filtered) context', () => {
  const t = transfer('FROM x\nCOPY go.mod ./\nCOPY . .\n');
  assert.equal(t.wholeContext, true);
  assert.deepEqual(t.transferred, { files: 11, bytes: 5752 });
  assert.deepEqual(
    t.copies.map((c) => [c.line, c.files, c.bytes]),
    [
      [1, 1, 10],
      [2, 11, 5752],
    ],
  );
});

test('BuildKit transfers only the paths COPY/ADD name, each file once', () => {
  const t = transfer('FROM x\nCOPY go.mod go.sum ./\nCOPY cmd/ ./cmd/\nCOPY ./cmd/api/main.go /x\n');
  assert.equal(t.wholeContext, false);
  assert.equal(t.exact, true);
  assert.deepEqual(t.transferred, { files: 5, bytes: 537 });
  assert.deepEqual(t.copies[1]!.sources, [{ contextPath: 'cmd', found: true, files: 3, bytes: 507 }]);
});

test('--from, URLs, git and heredoc sources transfer nothing', () => {
  const t = transfer(
    'FROM x AS b\nFROM y\nCOPY --from=b . /\nADD https://e.com/a.tgz /a\nADD git@github.com:o/r.git /r\nCOPY <<EOF /f\nhi\nEOF\n',
  );
  assert.deepEqual(t.transferred, { files: 0, bytes: 0 });
  assert.equal(t.wholeContext, false);
  assert.equal(t.copies.length, 0);
});

test('a file the ignore file excludes is not sent even when COPY names it; a missing source is reported', () => {
  const t = transfer('FROM x\nCOPY secret.env nothing-here /x\n');
  assert.deepEqual(t.transferred, { files: 0, bytes: 0 });
  assert.deepEqual(
    t.copies[0]!.sources.map((s) => [s.contextPath, s.found, s.files]),
    [
      ['secret.env', true, 0],
      ['nothing-here', false, 0],
    ],
  );
});

test('classic and podman send the whole context whatever the Dockerfile copies', () => {
  for (const b of ['classic', 'podman'] as const) {
    const t = transfer('FROM x\nCOPY go.mod ./\n', b);
    assert.equal(t.wholeContext, true, b);
    assert.deepEqual(t.transferred, { files: 11, bytes: 5752 }, b);
    assert.deepEqual(
      [t.copies[0]!.files, t.copies[0]!.bytes],
      [1, 10],
      `${b}: per-COPY figures still say what it copies`,
    );
  }
});

test('COPYs in stages the target does not need are not transferred', () => {
  const t = transfer('FROM x AS docs\nCOPY . /all\nFROM y AS app\nCOPY go.mod ./\n');
  assert.equal(t.wholeContext, false);
  assert.deepEqual(t.transferred, { files: 1, bytes: 10 });
  assert.deepEqual(
    t.copies.map((c) => c.reachable),
    [false, true],
  );
  assert.deepEqual(
    computeTransfer(scanOf(FILES), parseDockerfile('FROM x AS docs\nCOPY . /all\nFROM y AS app\nCOPY go.mod ./\n'), {
      target: 'docs',
    }).wholeContext,
    true,
  );
});

test('an unresolved variable makes the figure a lower bound', () => {
  const t = transfer('FROM x\nARG SVC\nCOPY go.mod ./\nCOPY cmd/${SVC} ./\n');
  assert.equal(t.exact, false);
  assert.deepEqual(t.transferred, { files: 1, bytes: 10 });
  assert.equal(transfer('FROM x\nARG SVC=api\nCOPY cmd/${SVC} ./\n').transferred.files, 1);
});

test('RUN --mount=type=bind reads the context: the whole of it without source=', () => {
  assert.equal(transfer('FROM x\nRUN --mount=type=bind,target=/src go build\n').wholeContext, true);
  const t = transfer('FROM x\nRUN --mount=type=bind,source=go.sum,target=/g --mount=type=cache,target=/c true\n');
  assert.deepEqual(t.transferred, { files: 1, bytes: 20 });
  assert.equal(transfer('FROM x AS b\nFROM y\nRUN --mount=type=bind,from=b,target=/b true\n').transferred.files, 0);
});

test('wildcards match like BuildKit include patterns (a matching directory brings its contents)', () => {
  assert.deepEqual(transfer('FROM x\nCOPY *.go ./\n').transferred, { files: 2, bytes: 150 });
  assert.deepEqual(transfer('FROM x\nCOPY cmd/*/main.go ./\n').transferred, { files: 2, bytes: 500 });
  assert.deepEqual(transfer('FROM x\nCOPY cm? ./\n').transferred, { files: 3, bytes: 507 });
  assert.deepEqual(transfer('FROM x\nCOPY **/*.md ./\n').transferred, { files: 2, bytes: 65 });
  assert.deepEqual(transfer('FROM x\nCOPY no*.match ./\n').copies[0]!.sources[0]!.found, false);
});

test('symlinks on a COPY path are followed inside the context, as fsutil FollowLinks does', async () => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { scanContextSync } = await import('../../../server/src/engine/context/scan/scan');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-transfer-'));
  try {
    const write = (rel: string, n: number): void => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), 'x'.repeat(n));
    };
    write('releases/v1/app.jar', 100);
    write('releases/v2/app.jar', 200);
    write('releases/v2/lib.so', 30);
    write('other/big.bin', 5000);
    fs.symlinkSync('releases/v2', path.join(dir, 'current'));
    fs.symlinkSync('/releases/v1', path.join(dir, 'old'));
    fs.symlinkSync('loop-b', path.join(dir, 'loop-a'));
    fs.symlinkSync('loop-a', path.join(dir, 'loop-b'));
    const scan = scanContextSync({ contextDir: dir, builder: 'buildkit', ignoreFile: null });
    const sent = (df: string) => computeTransfer(scan, parseDockerfile(df)).transferred;
    const link = (name: string): number => fs.lstatSync(path.join(dir, name)).size;
    assert.deepEqual(sent('FROM x\nCOPY current/ /app/\n'), { files: 3, bytes: link('current') + 230 });
    assert.deepEqual(sent('FROM x\nCOPY current/app.jar /app/\n'), { files: 2, bytes: link('current') + 200 });
    assert.deepEqual(
      sent('FROM x\nCOPY old /app/\n'),
      { files: 2, bytes: link('old') + 100 },
      'an absolute target is read from the context root',
    );
    assert.deepEqual(
      sent('FROM x\nCOPY loop-a /x\n'),
      { files: 2, bytes: link('loop-a') + link('loop-b') },
      'a link cycle ends',
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

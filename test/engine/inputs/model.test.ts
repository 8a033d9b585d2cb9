import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanContextSync } from '../../../server/src/engine/context/scan/scan';
import { computeInputs, InputIndex } from '../../../server/src/engine/inputs';
import { classifyTree } from '../../../server/src/engine/inputs/classify';
import { readGoFile, readGoMod, readGoWork } from '../../../server/src/engine/inputs/readers/goSource';
import { diskFs, makeTree, type TreeSpec } from '../rules/helpers';

function model(files: TreeSpec, dockerfile: string, gitIgnored?: (p: string) => boolean) {
  const t = makeTree({ ...files, Dockerfile: dockerfile });
  const scan = scanContextSync({ contextDir: t.dir, builder: 'buildkit', ignoreFile: null });
  const src = { dockerfileText: dockerfile, builder: 'buildkit' as const, contextDir: t.dir, scan, fs: diskFs };
  const index = new InputIndex(computeInputs(gitIgnored ? { ...src, gitIgnored } : src));
  return { t, index, at: (p: string) => index.hit(p)?.entry };
}

test('Go source: imports (single, grouped, aliased, dot, blank) and embeds, comments ignored', () => {
  const src = readGoFile(
    '// import "fake/one"\npackage x\n\nimport "a/b"\nimport (\n\tc "c/d"\n\t. "e/f"\n\t_ "g/h" // why\n\t/* "no/no" */\n)\n\n' +
      '//go:embed static/* "with space.txt" `raw.txt`\nvar s string\n\nfunc f() { _ = "import \\"late/x\\"" }\n',
  );
  assert.deepEqual(src.imports, ['a/b', 'c/d', 'e/f', 'g/h']);
  assert.deepEqual(src.embeds, ['static/*', 'with space.txt', 'raw.txt']);
  assert.deepEqual(readGoMod('module example.com/m\n\nreplace example.com/lib => ./lib\n'), {
    module: 'example.com/m',
    replaces: new Map([['example.com/lib', './lib']]),
  });
  assert.deepEqual(readGoWork('go 1.22\n\nuse (\n\t./a\n\t./b // two\n)\nuse ./c\n'), ['./a', './b', './c']);
});

const GO: TreeSpec = {
  'go.mod': 'module example.com/m\n',
  'cmd/a/main.go': 'package main\n\nimport "example.com/m/pkg/x"\n\nfunc main() { x.X() }\n',
  'pkg/x/x.go': 'package x\n\n//go:embed tpl/*.html\nvar t string\n\nfunc X() {}\n',
  'pkg/x/x_test.go': 'package x\n',
  'pkg/x/tpl/a.html': '<p>',
  'pkg/y/y.go': 'package y\n',
  'vendor/modules.txt': '#',
  'docs/a.md': 'doc',
};
const BUILD_STAGE = (run: string) =>
  `FROM golang AS b\nWORKDIR /src\nCOPY . .\nRUN ${run}\nFROM scratch\nCOPY --from=b /out /out\n`;

test('Go: the import closure and its embeds are read; other packages maybe; vendor/ and docs/ not needed', () => {
  const { t, at } = model(GO, BUILD_STAGE('go build -o /out ./cmd/a'));
  try {
    assert.equal(at('cmd/a/main.go')?.certainty, 'read');
    assert.equal(at('pkg/x/x.go')?.required, true);
    assert.equal(at('pkg/x/tpl/a.html')?.certainty, 'read');
    assert.equal(at('pkg/x/x_test.go')?.certainty, 'maybe');
    assert.equal(at('pkg/y/y.go')?.certainty, 'maybe');
    assert.equal(at('vendor/modules.txt'), undefined);
    assert.equal(at('docs/a.md'), undefined);
  } finally {
    t.cleanup();
  }
});

test('Go: -mod=vendor reads vendor/; go install pkg@version and a build in /tmp read nothing of the module', () => {
  const v = model(GO, BUILD_STAGE('go build -mod=vendor -o /out ./cmd/a'));
  const i = model(GO, BUILD_STAGE('cd /tmp && go install example.com/tool@v1.2.3'));
  try {
    assert.equal(v.at('vendor/modules.txt')?.required, true);
    assert.equal(i.at('cmd/a/main.go'), undefined);
    assert.equal(i.at('go.mod'), undefined);
    assert.equal(i.at('docs/a.md'), undefined, 'every step is understood: nothing else is read');
  } finally {
    v.t.cleanup();
    i.t.cleanup();
  }
});

test('Go: a repository that keeps vendor/ in sync (go mod vendor in its Makefile) builds from it (loki)', () => {
  const kept = model(
    { ...GO, Makefile: 'check-mod:\n\tgo mod tidy\n\tgo mod vendor\n' },
    BUILD_STAGE('go build -o /out ./cmd/a'),
  );
  const plain = model(GO, BUILD_STAGE('go build -o /out ./cmd/a'));
  const ldflags = model(
    { ...GO, Makefile: 'check-mod:\n\tgo mod vendor\n' },
    BUILD_STAGE('go build -ldflags "${LDFLAGS}" -o /out ./cmd/a'),
  );
  const viaMake = model({ ...GO, Makefile: 'check-mod:\n\tgo mod vendor\n' }, BUILD_STAGE('make loki'));
  const modMod = model(
    { ...GO, Makefile: 'check-mod:\n\tgo mod vendor\n' },
    BUILD_STAGE('go build -mod=mod -o /out ./cmd/a'),
  );
  try {
    assert.equal(kept.at('vendor/modules.txt')?.required, true);
    assert.match(kept.at('vendor/modules.txt')?.reason ?? '', /keeps in sync \(go mod vendor, Makefile:3\)/);
    assert.equal(plain.at('vendor/modules.txt'), undefined, 'vendored by chance: Go can fetch modules instead');
    assert.equal(modMod.at('vendor/modules.txt'), undefined, '-mod=mod never reads vendor/');
    assert.equal(ldflags.at('vendor/modules.txt')?.required, true, 'a run-time word keeps the repository norm');
    assert.match(viaMake.at('vendor/modules.txt')?.reason ?? '', /^make builds with the vendor\/ the repository keeps/);
  } finally {
    for (const m of [kept, plain, modMod, viaMake, ldflags]) m.t.cleanup();
  }
});

test('an unknown step or a shipped copy may read source and config, not logs, media or what git ignores', () => {
  const files = { 'app/main.py': 'x', 'app/conf.yaml': 'y', 'logs/a.log': 'l', 'dl/a.zip': 'p', 'tmp/cache.py': 'c' };
  const shipped = model(files, 'FROM python\nCOPY . /app\nCMD ["python", "/app/app/main.py"]\n', (p) =>
    p.startsWith('tmp/'),
  );
  const unknown = model(files, 'FROM python AS b\nCOPY . /app\nRUN make -C /app\nFROM scratch\nCOPY --from=b /x /x\n');
  try {
    for (const m of [shipped, unknown]) {
      assert.equal(m.at('app/main.py')?.certainty, 'maybe');
      assert.equal(m.at('app/conf.yaml')?.certainty, 'maybe');
      assert.equal(m.at('logs/a.log'), undefined);
      assert.equal(m.at('dl/a.zip'), undefined);
    }
    assert.match(shipped.at('app/main.py')!.reason, /puts it in the image/);
    assert.equal(shipped.at('tmp/cache.py'), undefined, 'git ignores it: a clean checkout builds without it');
    assert.match(unknown.at('app/main.py')!.reason, /`make -C \/app` \(line 3\) may read any file/);
  } finally {
    shipped.t.cleanup();
    unknown.t.cleanup();
  }
});

test('Node: manifests and build-time env files are read; node_modules is not needed once an install runs', () => {
  const files = {
    'package.json': '{"devDependencies":{"vite":"5"}}',
    'yarn.lock': '',
    '.env.local': 'A=1',
    'node_modules/x/i.js': 'x',
    'e2e/package.json': '{}',
    'e2e/.env': 'B=2',
  };
  const withInstall = model(files, 'FROM node\nWORKDIR /w\nCOPY . .\nRUN yarn install\n');
  const without = model(files, 'FROM node\nWORKDIR /w\nCOPY . .\nCMD ["node", "i.js"]\n');
  try {
    assert.equal(withInstall.at('yarn.lock')?.certainty, 'read');
    assert.match(withInstall.at('.env.local')!.reason, /build-time env file/);
    assert.equal(withInstall.at('.env.local')!.certainty, 'read');
    // A project the install does not run in may be read, never for sure (input-ignored stays quiet).
    assert.equal(withInstall.at('e2e/package.json')?.certainty, 'maybe');
    assert.equal(withInstall.at('e2e/.env')?.certainty, 'maybe');
    assert.equal(withInstall.at('node_modules/x/i.js'), undefined);
    assert.equal(without.at('node_modules/x/i.js')?.certainty, 'maybe', 'no install: the image runs with it');
  } finally {
    withInstall.t.cleanup();
    without.t.cleanup();
  }
});

test('COPY --from of part of a build stage takes that part; a bind mount and RUN-named files are read', () => {
  const { t, at } = model(
    { 'config/a.yaml': 'a', 'scripts/gen.sh': 'echo', 'src/x.c': 'c', 'notes/n.txt': 'n' },
    'FROM alpine AS b\nWORKDIR /s\nCOPY . .\nRUN true\n' +
      'FROM alpine\nCOPY --from=b /s/config /etc/app\nRUN --mount=type=bind,source=src,target=/src cc /src/x.c\n' +
      'COPY scripts/ /scripts/\nRUN /bin/sh /scripts/gen.sh\n',
  );
  try {
    assert.match(at('config/a.yaml')!.reason, /COPY --from \(line 6\) takes it/);
    assert.equal(at('src/x.c')?.certainty, 'read');
    assert.match(at('scripts/gen.sh')!.reason, /named by a RUN \(line 9\)|puts it in the image/);
    assert.equal(at('notes/n.txt'), undefined);
  } finally {
    t.cleanup();
  }
});

test('.git is not needed unless a step runs git (thanos: `git update-index --refresh; make build`)', () => {
  const files = { '.git/HEAD': 'ref: refs/heads/main\n', 'main.c': 'int main(){}' };
  const stamp = model(
    files,
    'FROM alpine AS b\nWORKDIR /s\nCOPY . .\nRUN git rev-parse HEAD > /v\nFROM scratch\nCOPY --from=b /v /v\n',
  );
  const plain = model(
    files,
    'FROM alpine AS b\nWORKDIR /s\nCOPY . .\nRUN cc main.c\nFROM scratch\nCOPY --from=b /a /a\n',
  );
  try {
    assert.match(stamp.at('.git/HEAD')!.reason, /`git` reads the repository in a RUN \(line 4\)/);
    assert.equal(stamp.at('.git/HEAD')!.certainty, 'read');
    assert.equal(plain.at('.git/HEAD'), undefined);
  } finally {
    stamp.t.cleanup();
    plain.t.cleanup();
  }
});

test('git clone of another repository may read .git, never for sure', () => {
  const m = model(
    { '.git/HEAD': 'ref\n', 'a.c': 'x' },
    'FROM alpine AS b\nWORKDIR /s\nCOPY . .\nRUN git clone https://example.invalid/x.git /x\nFROM scratch\nCOPY --from=b /x /x\n',
  );
  try {
    assert.equal(m.at('.git/HEAD')?.certainty, 'maybe');
  } finally {
    m.t.cleanup();
  }
});

test('the split skips folders nothing reaches, and equals asking every file (a read inside node_modules wins)', () => {
  const files = {
    'package.json': '{}',
    'src/a.ts': 'a',
    'node_modules/x/i.js': 'xx',
    'node_modules/keep/k.js': 'kkk',
    '.git/HEAD': 'ref',
    'logs/l.log': 'l',
  };
  const m = model(files, 'FROM node\nWORKDIR /w\nCOPY . .\nCOPY node_modules/keep/k.js /k.js\nRUN npm ci\n');
  try {
    const scan = scanContextSync({ contextDir: m.t.dir, builder: 'buildkit', ignoreFile: null });
    const split = classifyTree(scan, m.index);
    const naive = { needed: 0, unused: 0 };
    const walk = (d: typeof scan.root): void => {
      for (const f of d.files.values()) {
        const p = d.path ? `${d.path}/${f.name}` : f.name;
        if (m.index.hit(p)) naive.needed += f.size;
        else naive.unused += f.size;
      }
      for (const c of d.dirs.values()) walk(c);
    };
    walk(scan.root);
    assert.deepEqual([split.needed.bytes, split.unused.bytes], [naive.needed, naive.unused]);
    assert.equal(m.index.inert('node_modules/x'), true);
    assert.equal(m.index.inert('node_modules'), false, 'an explicit COPY reaches inside');
    assert.equal(m.at('node_modules/keep/k.js')?.certainty, 'read');
  } finally {
    m.t.cleanup();
  }
});

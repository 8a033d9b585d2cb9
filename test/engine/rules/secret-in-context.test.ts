import { test } from 'node:test';
import assert from 'node:assert/strict';
import { git } from '../../git';
import { secretInContext } from '../../../server/src/engine/rules/secret-in-context';
import { secretKind } from '../../../server/src/engine/rules/support/secrets';
import {
  assertSameTree,
  buildFor,
  copyFixture,
  diskFs,
  dockerfileCtx,
  fixToFixpoint,
  fixtureDir,
  makeTree,
  runRule,
  type TreeSpec,
} from './helpers';

// Made-up values shaped like real ones: the rule decides by content now (issue 14).
const TOKEN = '9f8e7d6c5b4a3928-q7Zr';
const PRIVATE_KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvgIBADANBg\n-----END PRIVATE KEY-----\n';

function check(files: TreeSpec, builder?: 'classic') {
  const t = makeTree({ '.dockerignore': '.git\n', ...files });
  return { t, found: runRule(secretInContext, dockerfileCtx([buildFor({ contextDir: t.dir, builder })])) };
}

test('recognises credentials by kind and content, never templates, placeholders, public settings or certificates', () => {
  const t = makeTree({
    '.env': `API_TOKEN=${TOKEN}\n`,
    '.env.production': 'DB_PASSWORD="Zq8#mK2!pL9x"\n',
    'prod.env': 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n',
    'server.pem': PRIVATE_KEY.replace(/PRIVATE/g, 'RSA PRIVATE'),
    'tls.key': PRIVATE_KEY,
    id_rsa: 'k',
    id_ed25519: 'k',
    'vault.kdbx': 'k',
    kubeconfig: 'users:\n- name: a\n  user:\n    token: abcdefghijkl\n',
    '.git-credentials': 'https://u:p@example.invalid\n',
    'terraform.tfstate': '{}',
    // Shapes of the false reports on public repositories: bingo's tool paths (loki, thanos), an
    // Expo app's public port, placeholders, a self-signed certificate fixture.
    'tools.env': 'GOLANGCI_LINT="${GOBIN}/golangci-lint-v1.64.5"\nBINGO_DIR=.bingo\n',
    'public.env': 'EXPO_PUBLIC_API_PORT=8080\nVITE_API_KEY=pk_test_51HxYz0123456789abcdef\n',
    'placeholder.env': 'API_KEY=changeme\nDB_PASSWORD=\nSECRET_TOKEN=<your token>\nAUTH_TOKEN=${TOKEN}\n',
    'cert.pem': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    'nokube/kubeconfig': 'clusters:\n- name: local\n',
  });
  const kind = (rel: string) => secretKind(rel.split('/').pop()!, 'x', t.abs(rel), diskFs);
  try {
    for (const n of ['.env', '.env.production', 'prod.env', 'server.pem', 'tls.key', 'id_rsa', 'id_ed25519'])
      assert.ok(kind(n), n);
    for (const n of ['vault.kdbx', 'kubeconfig', '.git-credentials', 'terraform.tfstate']) assert.ok(kind(n), n);
    for (const n of ['tools.env', 'public.env', 'placeholder.env', 'cert.pem', 'nokube/kubeconfig'])
      assert.equal(kind(n), null, n);
  } finally {
    t.cleanup();
  }
  const byName = (name: string, dir = 'x') => secretKind(name, dir, '/nonexistent', diskFs);
  for (const n of ['.env.example', '.env.sample', 'id_rsa.pub', 'environment.ts', 'main.go', 'keys.txt'])
    assert.equal(byName(n), null, n);
  assert.equal(byName('config.json', '.docker'), 'Docker registry credentials');
  const rc = makeTree({
    'with/.npmrc': '//registry.npmjs.org/:_authToken=abc\n',
    'without/.npmrc': 'save-exact=true\n',
  });
  try {
    assert.equal(secretKind('.npmrc', 'with', rc.abs('with/.npmrc'), diskFs), 'npm credentials');
    assert.equal(secretKind('.npmrc', 'without', rc.abs('without/.npmrc'), diskFs), null);
  } finally {
    rc.cleanup();
  }
});

test('names the files (never their content) on COPY . . and excludes them with a safe fix', () => {
  const { t, found } = check({
    Dockerfile:
      'FROM node AS build\nWORKDIR /app\nCOPY . .\nRUN echo checked\nFROM scratch\nCOPY --from=build /app/out /out\n',
    '.env': `TOKEN=${TOKEN}`,
    'certs/tls.key': PRIVATE_KEY,
    '.ssh/id_ed25519': 'K',
    'src/i.js': 'i',
  });
  try {
    assert.equal(found.length, 1);
    const f = found[0]!;
    assert.equal(f.severity, 'warning');
    assert.equal(
      f.message,
      '`COPY . .` sends 3 files that look like credentials: .env (environment file), .ssh/id_ed25519 (SSH directory), certs/tls.key (private key or certificate store)',
    );
    assert.ok(!f.message.includes(TOKEN));
    assert.equal(f.fixes[0]!.safe, true);
    assert.equal(f.fixes[0]!.edits[0]!.edits[0]!.newText, '.env\n.ssh/id_ed25519\ncerts/tls.key\n');
  } finally {
    t.cleanup();
  }
});

test('a secret the image may read is left to a build secret; the safe fix excludes only the others', () => {
  const { t, found } = check({
    Dockerfile: 'FROM node\nWORKDIR /app\nCOPY . .\nCMD ["node", "src/i.js"]\n',
    '.env': `TOKEN=${TOKEN}`,
    'certs/tls.key': PRIVATE_KEY,
    'src/i.js': 'i',
  });
  try {
    const f = found[0]!;
    assert.match(
      f.message,
      /\.env is not excluded automatically: it would drop \.env: `COPY \. \.` .*puts it in the image/,
    );
    assert.match(f.message, /RUN --mount=type=secret/);
    assert.deepEqual(
      f.fixes.map((x) => [x.safe, x.edits[0]!.edits[0]!.newText]),
      [
        [true, 'certs/tls.key\n'],
        [false, '.env\n'],
      ],
    );
  } finally {
    t.cleanup();
  }
});

test('a file a COPY names explicitly is not excluded: the message says so instead', () => {
  const { t, found } = check({ Dockerfile: 'FROM node\nCOPY .env /app/.env\nCOPY . .\n', '.env': `A_SECRET=${TOKEN}` });
  try {
    assert.equal(found.length, 1);
    assert.match(
      found[0]!.message,
      /\.env is named by `COPY \.env \/app\/\.env`, so not excluded: prefer a build secret/,
    );
    assert.deepEqual(found[0]!.fixes, []);
  } finally {
    t.cleanup();
  }
});

test('a directory COPY that carries a secret is reported on that COPY', () => {
  const { t, found } = check({
    Dockerfile: 'FROM node\nCOPY config/ /etc/app/\n',
    'config/app.yaml': 'a: 1',
    'config/.env': `S_KEY=${TOKEN}`,
  });
  try {
    assert.equal(found.length, 1);
    assert.equal(found[0]!.range.start.line, 1);
    assert.match(
      found[0]!.message,
      /^`COPY config\/ \/etc\/app\/` sends a file that looks like credentials: config\/\.env/,
    );
  } finally {
    t.cleanup();
  }
});

test('not reported: excluded secrets, templates, keys inside dependency directories, nothing sent', () => {
  for (const files of [
    {
      Dockerfile: 'FROM node\nCOPY . .\n',
      '.dockerignore': '.env\n*.pem\n',
      '.env': `A_SECRET=${TOKEN}`,
      'a.pem': 'k',
    },
    { Dockerfile: 'FROM node\nCOPY . .\n', '.env.example': 'A=', 'id_rsa.pub': 'ssh-rsa' },
    { Dockerfile: 'FROM node\nCOPY . .\n', 'node_modules/pkg/test/key.pem': 'k' },
    { Dockerfile: 'FROM node\nCOPY src ./src\n', '.env': `A_SECRET=${TOKEN}`, 'src/i.js': 'i' },
  ] as TreeSpec[]) {
    const { t, found } = check(files);
    try {
      assert.deepEqual(found, [], JSON.stringify(files));
    } finally {
      t.cleanup();
    }
  }
});

test('fixture: secrets excluded, CRLF kept, a second pass changes nothing', () => {
  const t = copyFixture('secret-in-context');
  try {
    const run = () => runRule(secretInContext, dockerfileCtx([buildFor({ contextDir: t.dir })]));
    assert.equal(run().length, 1);
    assert.equal(fixToFixpoint(run), 1);
    assertSameTree(t.dir, fixtureDir('secret-in-context', 'expected'));
  } finally {
    t.cleanup();
  }
});

test('silent while the context is being scanned', () => {
  const t = makeTree({ Dockerfile: 'FROM node\nCOPY . .\n', '.env': `A_SECRET=${TOKEN}` });
  try {
    assert.deepEqual(runRule(secretInContext, dockerfileCtx([buildFor({ contextDir: t.dir, scan: false })])), []);
    assert.equal(runRule(secretInContext, dockerfileCtx([buildFor({ contextDir: t.dir })])).length, 1);
  } finally {
    t.cleanup();
  }
});

test('a secret git tracks is already public, and fixtures are not live: info, with what to do', () => {
  const { t } = check({
    Dockerfile: 'FROM node AS b\nWORKDIR /a\nCOPY . .\nRUN echo ok\nFROM scratch\nCOPY --from=b /a/o /o\n',
    'certs/tls.key': PRIVATE_KEY,
    'test/fixture/certs/server.key': PRIVATE_KEY,
  });
  try {
    git(t.dir, 'init', '-q');
    git(t.dir, 'add', 'certs/tls.key');
    const [f] = runRule(secretInContext, dockerfileCtx([buildFor({ contextDir: t.dir })]));
    assert.equal(f!.severity, 'info');
    assert.match(
      f!.message,
      /certs\/tls\.key is committed to git, so already public: rotate rather than hide; the rest are test fixtures/,
    );
  } finally {
    t.cleanup();
  }
});

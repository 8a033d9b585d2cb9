import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dependencyCacheOrder } from '../../../server/src/engine/rules/dependency-cache-order';
import { runRules } from '../../../server/src/engine/rules/runRules';
import { dockerfileCase, findings, fixedText } from './harness';

const lines = (dockerfile: string): number[] =>
  findings(dependencyCacheOrder, { dockerfile }).map((f) => f.range.start.line);

test('positive: go.mod copied first, no go mod download before COPY . .', () => {
  const [f] = findings(dependencyCacheOrder, {
    dockerfile: 'FROM golang\nCOPY go.mod go.sum ./\nCOPY . .\nRUN go build .\n',
  });
  assert.equal(f?.severity, 'warning');
  assert.equal(f!.range.start.line, 1);
  assert.match(
    f!.message,
    /Go modules manifests are copied first.*no Go modules download step runs before `COPY \. \.` \(line 3\)/,
  );
  assert.equal(f!.fixes[0]?.safe, false);
});

test('positive: the install step placed after the whole-context copy', () => {
  const [f] = findings(dependencyCacheOrder, {
    dockerfile: 'FROM node\nCOPY package*.json ./\nCOPY . .\nRUN npm ci\n',
  });
  assert.match(f?.message ?? '', /the install step \(line 4\) runs after `COPY \. \.`/);
});

test('positive: each ecosystem of the table', () => {
  for (const [manifest, build] of [
    ['requirements.txt', 'RUN pip install -r requirements.txt'],
    ['Cargo.toml Cargo.lock', 'RUN cargo build --release'],
    ['Gemfile Gemfile.lock', 'RUN bundle install'],
    ['yarn.lock', 'RUN yarn'],
    ['pnpm-lock.yaml', 'RUN pnpm i'],
    ['composer.json', 'RUN composer install'],
  ]) {
    assert.deepEqual(lines(`FROM x\nCOPY ${manifest} ./\nCOPY . .\n${build}\n`), [1], manifest);
  }
});

test('negative: download between the manifest copy and the whole-context copy, in any shell form', () => {
  assert.deepEqual(
    lines('FROM golang\nCOPY go.mod go.sum ./\nRUN --mount=type=cache,target=/go go mod download\nCOPY . .\n'),
    [],
  );
  assert.deepEqual(
    lines('FROM node\nCOPY package.json package-lock.json ./\nRUN set -e; \\\n  npm ci --omit=dev\nCOPY . .\n'),
    [],
  );
  assert.deepEqual(
    lines(
      'FROM python\nCOPY requirements.txt .\nRUN ["python3", "-m", "pip", "install", "-r", "requirements.txt"]\nCOPY . .\n',
    ),
    [],
  );
});

test('negative: no whole-context copy, no manifest copy, other stage, --from', () => {
  assert.deepEqual(lines('FROM golang\nCOPY go.mod go.sum ./\nCOPY cmd ./cmd\nRUN go build ./cmd\n'), []);
  assert.deepEqual(lines('FROM golang\nCOPY . .\nRUN go build .\n'), []);
  assert.deepEqual(lines('FROM golang AS deps\nCOPY go.mod ./\nFROM golang\nCOPY . .\n'), []);
  assert.deepEqual(lines('FROM golang AS a\nFROM golang\nCOPY --from=a /go.mod ./\nCOPY . .\n'), []);
  assert.deepEqual(lines('FROM node\nCOPY package.json src/ ./\nCOPY . .\n'), []);
});

test('quick fix inserts the step after the manifest COPY (also at end of file without newline)', () => {
  const ctx = dockerfileCase({ dockerfile: 'FROM golang\nCOPY go.mod go.sum ./\nCOPY . .' });
  assert.equal(
    fixedText(ctx, runRules(ctx, [dependencyCacheOrder]).findings),
    'FROM golang\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .',
  );
  const last = dockerfileCase({ dockerfile: 'FROM golang\nCOPY . .\nCOPY go.mod ./' });
  assert.deepEqual(runRules(last, [dependencyCacheOrder]).findings, []);
});

test('the pip step installs the requirements file that was copied', () => {
  const [f] = findings(dependencyCacheOrder, { dockerfile: 'FROM python\nCOPY requirements-prod.txt ./\nCOPY . .\n' });
  assert.equal(f?.fixes[0]?.title, 'Insert `RUN pip install -r requirements-prod.txt` after the manifest COPY');
});

test('fixture pair: input → expected (CRLF kept)', () => {
  const dir = path.join(__dirname, '../../fixtures/rules/dependency-cache-order');
  const read = (side: string): string => fs.readFileSync(path.join(dir, side, 'Dockerfile'), 'utf8');
  const ctx = dockerfileCase({ dockerfile: read('input') });
  const found = runRules(ctx, [dependencyCacheOrder]).findings;
  assert.equal(found.length, 1);
  const fixed = fixedText(ctx, found);
  assert.equal(fixed, read('expected'));
  assert.deepEqual(runRules(dockerfileCase({ dockerfile: fixed }), [dependencyCacheOrder]).findings, []);
});

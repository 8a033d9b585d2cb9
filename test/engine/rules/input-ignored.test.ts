import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inputIgnored } from '../../../server/src/engine/rules/input-ignored';
import { ignoreFileCase, runRule } from './helpers';

const GO_BUILD =
  'FROM golang AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n' +
  'FROM scratch\nCOPY --from=build /out/app /app\n';

const goTree = (ignore: string) => ({
  Dockerfile: GO_BUILD,
  'go.mod': 'module example.com/app\n\ngo 1.24\n',
  'cmd/app/main.go': 'package main\n\nimport "example.com/app/internal/config"\n\nfunc main() { config.Load() }\n',
  'internal/config/config.go': 'package config\n\nfunc Load() {}\n',
  'internal/config/config_windows.go': 'package config\n',
  'internal/unused/u.go': 'package unused\n',
  '.dockerignore': ignore,
});

test('an excluded package the build compiles is an error on the deciding line, with a re-include quick fix', () => {
  const { t, ctx } = ignoreFileCase(goTree('.git\ninternal/config\n'));
  try {
    const [f, ...rest] = runRule(inputIgnored, ctx);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'error');
    assert.equal(f!.range.start.line, 1);
    assert.match(f!.message, /^`internal\/config` keeps out internal\/config\/config\.go \(and 1 more/);
    assert.match(f!.message, /go build -o \/out\/app \.\/cmd\/app` compiles it \(package \.\/internal\/config\)/);
    assert.equal(f!.fixes[0]!.safe, false);
  } finally {
    t.cleanup();
  }
});

test('a file for another platform only is a warning; an unimported package is not reported', () => {
  const { t, ctx } = ignoreFileCase(goTree('**/*_windows.go\ninternal/unused\n'));
  try {
    const found = runRule(inputIgnored, ctx);
    assert.deepEqual(
      found.map((f) => [f.severity, f.range.start.line]),
      [['warning', 0]],
    );
  } finally {
    t.cleanup();
  }
});

test('a pattern caught by a negation still reports what stays out (BuildKit gives up on any `!`)', () => {
  const { t, ctx } = ignoreFileCase(goTree('internal\n!internal/unused\n'));
  try {
    const found = runRule(inputIgnored, ctx);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.severity, 'error');
  } finally {
    t.cleanup();
  }
});

test('explicit COPY sources are left to copy-source-ignored; a RUN-named script is reported', () => {
  const { t, ctx } = ignoreFileCase({
    Dockerfile:
      'FROM alpine\nWORKDIR /w\nCOPY app.conf /etc/app.conf\nCOPY scripts/ ./scripts/\nRUN ./scripts/setup.sh\n',
    'app.conf': 'x',
    'scripts/setup.sh': 'echo',
    '.dockerignore': 'app.conf\nscripts/*.sh\n',
  });
  try {
    const found = runRule(inputIgnored, ctx);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.range.start.line, 1);
    assert.match(found[0]!.message, /keeps out scripts\/setup\.sh.*is named by a RUN \(line 5\)/);
  } finally {
    t.cleanup();
  }
});

test('quiet on what a build only may read (false reports found on public repositories)', () => {
  // Shapes of argo-cd, kratos, uptime-kuma, hoppscotch and umami: a manifest of a project the
  // install never runs in, tsconfig.json without a TypeScript build, .npmrc left out on purpose,
  // and a folder a later stage copies out of the build stage.
  const { t, ctx } = ignoreFileCase({
    Dockerfile:
      'FROM node:22 AS builder\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\n' +
      'FROM node:22\nWORKDIR /app\nCOPY --from=builder /app/scripts ./scripts\n',
    'package.json': '{}',
    'package-lock.json': '{}',
    '.npmrc': 'registry=https://example.invalid/\n',
    'tsconfig.json': '{}',
    'docs/requirements.txt': 'mkdocs\n',
    'test/e2e/package.json': '{}',
    'scripts/seed/index.ts': 'export {}',
    'scripts/start.sh': 'node .',
    '.dockerignore': '.npmrc\ntsconfig.json\ndocs/\ntest/\nscripts/seed\n',
  });
  try {
    assert.deepEqual(runRule(inputIgnored, ctx), []);
  } finally {
    t.cleanup();
  }
});

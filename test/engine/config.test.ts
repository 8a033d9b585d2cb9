import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, mergeSettings, parseConfig } from '../../server/src/engine/config';
import { DEFAULT_SETTINGS } from '../../server/src/engine/types';
import { memoryFs } from './rules/helpers';

const known = new Set(['go-build-mod-flag', 'unmatched-pattern']);

test('valid keys are read and merged over the defaults; rules merge per id', () => {
  const r = loadConfig(
    '/repo',
    memoryFs({
      '/repo/.buildctx.json': JSON.stringify({
        $schema: 'x',
        rules: { 'go-build-mod-flag': 'error', 'unmatched-pattern': 'off' },
        builder: 'podman',
        contexts: [{ dockerfile: 'docker/*.Dockerfile', context: '.' }],
        largeDirectory: 1024,
        contextSizeWarning: 0,
      }),
    }),
    known,
    mergeSettings(DEFAULT_SETTINGS, { rules: { other: 'hint' } }),
  );
  assert.deepEqual(r.errors, []);
  assert.equal(r.file, '/repo/.buildctx.json');
  assert.deepEqual(r.settings.rules, { other: 'hint', 'go-build-mod-flag': 'error', 'unmatched-pattern': 'off' });
  assert.equal(r.settings.builder, 'podman');
  assert.deepEqual(r.settings.contexts, [{ dockerfile: 'docker/*.Dockerfile', context: '.' }]);
  assert.equal(r.settings.largeDirectory, 1024);
  assert.equal(r.settings.contextSizeWarning, 0);
});

test('no file: defaults, no errors', () => {
  const r = loadConfig('/repo', memoryFs({}), known);
  assert.equal(r.file, null);
  assert.deepEqual(r.settings, DEFAULT_SETTINGS);
});

test('each invalid key is reported and its default kept', () => {
  const { settings, errors } = parseConfig(
    JSON.stringify({
      rules: { 'go-build-mod-flag': 'loud', nope: 'off', 'unmatched-pattern': 'hint' },
      builder: 'kaniko',
      contexts: [{ dockerfile: 1 }, { dockerfile: 'a', context: 'b', builder: 'classic' }],
      largeDirectory: -1,
      contextSizeWarning: '1MB',
      extra: true,
    }),
    known,
  );
  assert.deepEqual(errors, [
    'rules.go-build-mod-flag: expected error, warning, info, hint or off',
    'rules.nope: unknown rule',
    'builder: expected one of buildkit, classic, podman',
    'contexts[0]: expected {dockerfile: glob, context: dir, builder?}',
    'largeDirectory: expected a non-negative number of bytes',
    'contextSizeWarning: expected a non-negative number of bytes',
    'extra: unknown key',
  ]);
  assert.deepEqual(settings, {
    rules: { 'unmatched-pattern': 'hint' },
    contexts: [{ dockerfile: 'a', context: 'b', builder: 'classic' }],
  });
});

test('bad JSON, a BOM, and non-object JSON never throw', () => {
  assert.match(parseConfig('{ rules: ').errors[0] ?? '', /^invalid JSON/);
  assert.deepEqual(parseConfig('\uFEFF{"builder":"classic"}').settings, { builder: 'classic' });
  assert.deepEqual(parseConfig('[1]').errors, ['expected a JSON object']);
  assert.deepEqual(parseConfig('null').errors, ['expected a JSON object']);
  const r = loadConfig('/r', memoryFs({ '/r/.buildctx.json': '{"rules": 3}' }));
  assert.deepEqual(r.errors, ['.buildctx.json: rules: expected an object of rule id → error|warning|info|hint|off']);
  assert.deepEqual(r.settings.rules, {});
});

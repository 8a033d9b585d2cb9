import { test } from 'node:test';
import assert from 'node:assert/strict';
import { informativeSources } from '../../../server/src/engine/discovery/inference';

test('sources copied from a stage never guide the context, whatever flags follow --from (loki)', () => {
  const text =
    'FROM golang AS build\nCOPY . /src\nCOPY cmd/loki/loki-local-config.yaml /etc/\n' +
    'FROM alpine AS fs\nFROM scratch\nCOPY --from=fs --chown=10001:10001 /etc/loki /etc/loki\n' +
    'COPY --chown=1:1 --from=build /loki /loki\nCOPY --from=fs /etc/passwd /etc/passwd\n';
  assert.deepEqual(informativeSources(text), ['cmd/loki/loki-local-config.yaml']);
});

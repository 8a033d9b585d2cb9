// BuildKit's `# check=` parser directive: which experimental build checks a Dockerfile turns on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { experimentalCheckEnabled, parserDirectives } from '../../../server/src/engine/dockerfile/directives';

test('directives are read from the top until the first line that is not one', () => {
  assert.deepEqual(
    [...parserDirectives('# syntax=docker/dockerfile:1\n#CHECK = skip=all \nFROM alpine\n# escape=`\n')],
    [
      ['syntax', 'docker/dockerfile:1'],
      ['check', 'skip=all'],
    ],
  );
  assert.deepEqual([...parserDirectives('\uFEFF# check=error=true\r\nFROM alpine\r\n')], [['check', 'error=true']]);
  // A comment, a blank line or an unknown directive ends them: later lines are comments.
  assert.deepEqual([...parserDirectives('# a comment\n# check=experimental=all\n')], []);
  assert.deepEqual([...parserDirectives('\n# check=experimental=all\n')], []);
  assert.deepEqual([...parserDirectives('# foo=bar\n# check=experimental=all\n')], []);
  assert.deepEqual([...parserDirectives('FROM alpine\n# check=experimental=all\n')], []);
});

test('an experimental check runs only when experimental= names it or says all', () => {
  const on = (text: string): boolean => experimentalCheckEnabled(text, 'CopyIgnoredFile');
  assert.equal(on('# check=experimental=CopyIgnoredFile\nFROM alpine\n'), true);
  assert.equal(on('# check=experimental=all\nFROM alpine\n'), true);
  assert.equal(
    on('# check=skip=JSONArgsRecommended; experimental = InvalidDefinitionDescription , CopyIgnoredFile\n'),
    true,
  );
  assert.equal(on('# check=experimental=InvalidDefinitionDescription\nFROM alpine\n'), false);
  assert.equal(on('# check=skip=all;error=true\nFROM alpine\n'), false);
  assert.equal(on('FROM alpine\n'), false);
  assert.equal(on('# hello\n# check=experimental=all\nFROM alpine\n'), false);
});

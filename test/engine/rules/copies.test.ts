// contextCopies answers once per COPY instruction object: an edit elsewhere keeps the answer,
// an edit of the COPY (or a line added above it) gives the new one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextCopies } from '../../../server/src/engine/rules/support/copies';

test('contextCopies: an edit re-reads only the edited COPY', () => {
  const text = (src: string, label: string): string => `FROM a\nCOPY ${src} /x/\nLABEL l=${label}\nCOPY b /y/\n`;
  const before = contextCopies(text('a', '0'));
  const relabelled = contextCopies(text('a', '1'));
  assert.equal(relabelled[0], before[0], 'an unchanged COPY keeps its answer');
  assert.equal(relabelled[1], before[1]);
  const edited = contextCopies(text('src', '1'));
  assert.deepEqual(edited[0]!.sources, ['src'], 'the edited COPY gets its new sources');
  assert.equal(edited[0]!.subject, '`COPY src /x/`');
  assert.equal(edited[1], before[1], 'the COPY below it keeps its answer');
  const moved = contextCopies(`# top\n${text('src', '1')}`);
  assert.equal(moved[1]!.range.start.line, 4, 'a line added above moves the answer with the COPY');
});

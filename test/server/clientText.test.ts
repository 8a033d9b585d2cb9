// What the client shows: status bar text and level, the fix-all notification, the report HTML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContextReport, ContextSummary } from '../../server/src/protocol';
import { statusLevel, statusText, summaryMessage, usageText } from '../../client/src/text';
import { reportHtml } from '../../client/src/report/html';
import { formatCount } from '../../server/src/engine/format';

const MiB = 1024 * 1024;

function summary(over: Partial<ContextSummary> = {}): ContextSummary {
  return {
    uri: 'file:///w/docker/gateway.Dockerfile',
    dockerfile: '/w/docker/gateway.Dockerfile',
    contextDir: '/w',
    ignoreFile: '/w/.dockerignore',
    builder: 'buildkit',
    provenance: 'Makefile:289',
    state: 'ready',
    progress: 9234,
    sent: { files: 9234, bytes: 122_369_229 },
    excluded: { files: 12, bytes: 4096 },
    transferred: { files: 9234, bytes: 122_369_229 },
    needed: { files: 1005, bytes: 9_856_000 },
    unused: { files: 8229, bytes: 112_513_229 },
    largest: [{ path: 'vendor', files: 7994, bytes: 110_945_484 }],
    exclusions: [{ pattern: '.git', negate: false, line: 0, files: 12, bytes: 4096 }],
    savings: [
      { ruleId: 'heavy-directory-in-context', message: 'COPY . . sends vendor/ <b>', files: 7994, bytes: 110_945_484 },
    ],
    contextSizeWarning: 100 * MiB,
    fatal: null,
    builds: 1,
    ...over,
  };
}

test('tooltip usage: what the build reads and what it sends without reading, with the share', () => {
  assert.equal(usageText(summary()), '1,005 files, 9.4 MiB; not needed: 8,229 files, 107.3 MiB (92%)');
  assert.equal(usageText(summary({ needed: null, unused: null })), null, 'not shown while the model is computed');
});

test('status text: size and compact count when ready, spinner with a count while scanning', () => {
  assert.equal(statusText(summary()), '$(package) 116.7 MiB · 9.2k files');
  assert.equal(statusText(summary({ state: 'scanning', progress: 123_456, sent: null })), '$(sync~spin) 123k files…');
  assert.equal(statusText(summary({ state: 'scanning', progress: 0, sent: null })), '$(sync~spin) scanning…');
  assert.equal(
    statusText(summary({ fatal: 'syntax error in pattern (/w/.dockerignore:3)' })),
    '$(error) context invalid',
  );
  assert.deepEqual([950, 9_960, 198_004, 1_250_000].map(formatCount), ['950', '10k', '198k', '1.3M']);
});

test('status level: warning only above contextSizeWarning, error when Docker would refuse the context', () => {
  assert.equal(statusLevel(summary()), 'warning');
  assert.equal(statusLevel(summary({ contextSizeWarning: 200 * MiB })), null);
  assert.equal(
    statusLevel(summary({ sent: { files: 1, bytes: 100 * MiB } })),
    null,
    'at the threshold is not above it',
  );
  assert.equal(statusLevel(summary({ fatal: 'x' })), 'error');
});

test('fix-all notification says what was fixed and what the context loses', () => {
  assert.equal(
    summaryMessage({ problems: 4, files: ['a', 'b', 'c', 'd'], saved: { files: 7994, bytes: 110_945_484 } }),
    'Fixed 4 problems in 4 files; context −105.8 MiB',
  );
  assert.equal(
    summaryMessage({ problems: 1, files: ['a'], saved: { files: 0, bytes: 0 } }),
    'Fixed 1 problem in 1 file',
  );
});

test('report HTML: themed, script-free, bars per directory, patterns and escaped text', () => {
  const report: ContextReport = {
    summary: summary(),
    tree: {
      path: '',
      sent: { files: 9234, bytes: 122_369_229 },
      excluded: { files: 12, bytes: 4096 },
      children: [
        { path: 'vendor', sent: { files: 7994, bytes: 110_945_484 }, excluded: { files: 0, bytes: 0 }, children: [] },
        { path: '.git', sent: { files: 0, bytes: 0 }, excluded: { files: 12, bytes: 4096 }, children: [] },
      ],
    },
    copies: [{ line: 4, instruction: 'COPY . .', sources: [''], transferred: { files: 9234, bytes: 122_369_229 } }],
  };
  const html = reportHtml(report, 'vscode-resource:');
  assert.match(
    html,
    /Content-Security-Policy" content="default-src 'none'; style-src vscode-resource: 'unsafe-inline';"/,
  );
  assert.doesNotMatch(html, /<script/i);
  assert.match(html, /var\(--vscode-charts-blue\)/);
  assert.match(html, /id="bytes-picture"[\s\S]*vendor\/[\s\S]*width:100\.00%[\s\S]*105\.8 MiB sent/);
  assert.match(html, /id="patterns"[\s\S]*<code>\.git<\/code>[\s\S]*keeps out 12 files, 4 KiB/);
  assert.match(html, /id="copies"[\s\S]*<td>5<\/td><td><code>COPY \. \.<\/code>/);
  assert.match(html, /vendor\/ &#60;b&#62;/, 'finding text is escaped');
  assert.match(
    html,
    /id="split"[\s\S]*read by the build 9\.4 MiB[\s\S]*sent, not needed 107\.3 MiB[\s\S]*kept out 4 KiB/,
  );
  assert.match(html, /<dt>Sent, not needed<\/dt><dd>8,229 files, 107\.3 MiB<\/dd>/);
  assert.doesNotMatch(reportHtml({ ...report, summary: summary({ needed: null, unused: null }) }, 'x'), /id="split"/);
  assert.match(reportHtml(null, 'x'), /id="empty"/);
});

// What the client shows: status bar text and level, the fix-all notification, the report HTML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as vm from 'node:vm';
import type { ContextReport, ContextSummary, MapFolder } from '../../server/src/protocol';
import { statusLevel, statusText, summaryMessage, usageText } from '../../client/src/text';
import { reportHtml } from '../../client/src/report/html';
import { WEBVIEW_SCRIPT } from '../../client/src/report/script';
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

type Pair = [files: number, bytes: number];
const folder = (path: string, needed: Pair, unused: Pair, excluded: Pair, children: MapFolder[] = []): MapFolder => ({
  path,
  needed: { files: needed[0], bytes: needed[1] },
  unused: { files: unused[0], bytes: unused[1] },
  excluded: { files: excluded[0], bytes: excluded[1] },
  children,
});

function report(over: Partial<ContextReport> = {}): ContextReport {
  return {
    summary: summary(),
    map: {
      pending: false,
      root: folder(
        '',
        [1005, 9_856_000],
        [8229, 112_513_229],
        [12, 4096],
        [
          folder(
            'vendor',
            [0, 0],
            [7994, 110_945_484],
            [0, 0],
            [folder('vendor/github.com', [0, 0], [7993, 110_000_000], [0, 0])],
          ),
          folder('pkg', [1000, 9_000_000], [200, 1_000_000], [0, 0]),
          folder('.git', [0, 0], [0, 0], [12, 4096]),
        ],
      ),
    },
    builds: [
      { id: 'g', label: 'docker/gateway.Dockerfile' },
      { id: 'a', label: 'docker/api.Dockerfile <x>' },
    ],
    build: 'g',
    copies: [{ line: 4, instruction: 'COPY . .', sources: [''], transferred: { files: 9234, bytes: 122_369_229 } }],
    ...over,
  };
}
const OPTS = { nonce: 'n0nce' };

test('report HTML: themed, one nonce script, build selector, patterns and escaped text', () => {
  const html = reportHtml(report(), 'vscode-resource:', OPTS);
  const csp = "default-src 'none'; style-src vscode-resource: 'unsafe-inline'; script-src 'nonce-n0nce';";
  assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${csp}">`), 'strict CSP, one nonce');
  assert.equal(html.match(/<script/g)?.length, 1);
  assert.match(html, /<script nonce="n0nce">/);
  assert.match(html, /var\(--vscode-charts-purple\)/);
  assert.match(html, /<h1 id="title">Build context of gateway\.Dockerfile<\/h1>/);
  assert.match(html, /<select id="build"><option value="g" selected>docker\/gateway\.Dockerfile<\/option>/);
  assert.match(html, /<option value="a">docker\/api\.Dockerfile &#60;x&#62;<\/option>/, 'labels are escaped');
  assert.match(reportHtml(report(), 'x', { ...OPTS, focusBuild: true }), /<select id="build" autofocus>/);
  assert.doesNotMatch(reportHtml(report({ builds: [{ id: 'g', label: 'x' }] }), 'x', OPTS), /<select/);
  assert.match(html, /id="patterns"[\s\S]*<code>\.git<\/code>[\s\S]*keeps out 12 files, 4 KiB/);
  assert.match(html, /id="copies"[\s\S]*<td>5<\/td><td><code>COPY \. \.<\/code>/);
  assert.match(html, /vendor\/ &#60;b&#62;/, 'finding text is escaped');
  assert.match(html, /<dt>Sent, not needed<\/dt><dd>8,229 files, 107\.3 MiB<\/dd>/);
  assert.match(reportHtml(null, 'x', OPTS), /id="empty"/);
});

test('report treemap: a cell per folder, coloured and labelled by needed / sent-unused / kept out', () => {
  const html = reportHtml(report(), 'x', OPTS);
  assert.match(html, /<svg id="treemap" viewBox="0 0 720 380" role="group" aria-label="Treemap[^"]*116\.7 MiB"/);
  /** `[data-kind, role, aria-label]` of the cell of a folder (`data-path`) or of a folder's rest. */
  const cell = (page: string, attr: 'path' | 'rest', p: string): string[] | undefined => {
    const at = page.indexOf(`<g class="cell" data-${attr}="${p}" `);
    const m = /data-kind="([^"]*)" role="([^"]*)" aria-label="([^"]*)"/.exec(page.slice(at, at + 400));
    return at >= 0 && m ? m.slice(1) : undefined;
  };
  assert.deepEqual(cell(html, 'path', 'vendor'), [
    'unused',
    'group',
    'vendor/ 105.8 MiB; sent, not needed: 7,994 files, 105.8 MiB',
  ]);
  assert.match(html, /data-path="vendor" [^>]*tabindex="0"/, 'a top-level folder takes focus');
  assert.deepEqual(cell(html, 'path', 'vendor/github.com'), [
    'unused',
    'img',
    'vendor/github.com/ 104.9 MiB; sent, not needed: 7,993 files, 104.9 MiB',
  ]);
  assert.deepEqual(cell(html, 'rest', 'vendor'), [
    'unused',
    'img',
    'files in vendor/ 923.3 KiB; sent, not needed: 1 file, 923.3 KiB',
  ]);
  assert.deepEqual(cell(html, 'path', 'pkg'), [
    'mixed',
    'img',
    'pkg/ 9.5 MiB; read by the build: 1,000 files, 8.6 MiB; sent, not needed: 200 files, 976.6 KiB',
  ]);
  assert.deepEqual(cell(html, 'path', '.git'), ['excluded', 'img', '.git/ 4 KiB; kept out: 12 files, 4 KiB']);
  assert.match(html, /<rect class="excluded"/);
  assert.match(
    html,
    /id="bytes-picture"[\s\S]*read by the build: 1,005 files, 9\.4 MiB[\s\S]*sent, not needed: 8,229 files, 107\.3 MiB/,
  );
  // While the model is worked out, what is sent is one colour, and the legend says why.
  const root = folder(
    '',
    [0, 0],
    [9234, 122_369_229],
    [12, 4096],
    [folder('vendor', [0, 0], [7994, 110_945_484], [0, 0]), folder('.git', [0, 0], [0, 0], [12, 4096])],
  );
  const pending = reportHtml(report({ map: { pending: true, root } }), 'x', OPTS);
  assert.match(pending, /Working out what the build reads/);
  assert.match(pending, /<ul class="legend"><li><span class="swatch sent"><\/span>sent: 9,234 files, 116\.7 MiB/);
  assert.deepEqual(cell(pending, 'path', 'vendor'), ['sent', 'img', 'vendor/ 105.8 MiB; sent: 7,994 files, 105.8 MiB']);
  assert.match(pending, /<rect class="sent"/);
  assert.doesNotMatch(pending, /read by the build|class="unused"/);
  const empty = report({ map: { pending: false, root: folder('', [0, 0], [0, 0], [0, 0]) } });
  assert.match(reportHtml(empty, 'x', OPTS), /Nothing to draw yet/);
});

test('the webview script parses', () => {
  assert.doesNotThrow(() => new vm.Script(WEBVIEW_SCRIPT));
});

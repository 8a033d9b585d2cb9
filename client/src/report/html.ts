// The Build Context Report as HTML: a treemap of the context's folders split into what the build
// reads, sends without reading and keeps out; the ignore patterns with what each keeps out; what
// each COPY pulls in. One nonce-allowed script (script.ts); colours from VS Code's theme variables.
import type { ContextReport, ReportMap } from '../../../server/src/protocol';
import { formatBytes, formatNumber, formatShare, formatTotals } from '../../../server/src/protocol';
import { labels, treemapSvg } from './picture';
import { WEBVIEW_SCRIPT } from './script';
import { STYLE } from './style';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface HtmlOptions {
  /** Allows the one inline script (CSP nonce); fresh per panel. */
  nonce: string;
  /** Focus the build selector: the page was just re-rendered because the user changed it. */
  focusBuild?: boolean;
}

export function reportHtml(r: ContextReport | null, cspSource: string, o: HtmlOptions): string {
  const body = r ? reportBody(r, o) : '<p id="empty">Open a Dockerfile or ignore file to see its build context.</p>';
  const csp = `default-src 'none'; style-src ${cspSource} 'unsafe-inline'; script-src 'nonce-${o.nonce}';`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>Build Context Report</title><style>${STYLE}</style></head>
<body><main id="buildctx-report">${body}</main><div id="tip" role="tooltip" hidden></div>
<script nonce="${o.nonce}">${WEBVIEW_SCRIPT}</script></body></html>`;
}

function reportBody(r: ContextReport, o: HtmlOptions): string {
  const s = r.summary;
  const facts: [string, string][] = [
    ['Context', s.contextDir],
    ['Dockerfile', s.dockerfile ?? '—'],
    ['Ignore file', s.ignoreFile ?? 'none'],
    ['Builder', s.builder],
    ['Found by', s.provenance],
  ];
  if (s.sent) facts.push(['Sent', formatTotals(s.sent)]);
  if (s.excluded) facts.push(['Kept out', formatTotals(s.excluded)]);
  if (s.transferred) facts.push(['Transferred by this Dockerfile', formatTotals(s.transferred)]);
  if (s.needed && s.unused) {
    facts.push(['Read by the build', formatTotals(s.needed)]);
    facts.push(['Sent, not needed', formatTotals(s.unused)]);
  }
  const dl = facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('');
  const state =
    s.state === 'scanning' ? `<p class="note">Scanning… ${formatNumber(s.progress)} entries so far.</p>` : '';
  const fatal = s.fatal ? `<p class="fatal">${esc(s.fatal)}</p>` : '';
  const title = `<h1 id="title">Build context of ${esc(baseName(s.dockerfile ?? s.uri))}</h1>`;
  const sections = [pictureSection(r.map), patternsSection(r), savingsSection(r), copiesSection(r)];
  return `<header>${title}${buildSelect(r, o)}</header>
${state}${fatal}<dl id="facts">${dl}</dl>${sections.join('')}`;
}

/** Several builds share the context (three Dockerfiles built from the repository root): pick one. */
function buildSelect(r: ContextReport, o: HtmlOptions): string {
  if (r.builds.length < 2) return '';
  const options = r.builds
    .map((b) => `<option value="${esc(b.id)}"${b.id === r.build ? ' selected' : ''}>${esc(b.label)}</option>`)
    .join('');
  const focus = o.focusBuild ? ' autofocus' : '';
  return `<label id="build-choice">Build <select id="build"${focus}>${options}</select></label>`;
}

/** The treemap and its legend: each category with its share of the whole context. */
function pictureSection(map: ReportMap): string {
  const svg = treemapSvg(map);
  const names = labels(map.pending);
  const root = map.root;
  const legend = (['needed', 'unused', 'excluded'] as const)
    .map((k) => {
      const cls = map.pending && k === 'unused' ? 'sent' : k;
      const t = root[k];
      return `<li><span class="swatch ${cls}"></span>${esc(names[k])}: ${esc(formatTotals(t))}</li>`;
    })
    .filter((_, i) => !map.pending || i > 0)
    .join('');
  const note = map.pending
    ? '<p class="note">Working out what the build reads; the picture splits what is sent once it is known.</p>'
    : '';
  const body = svg ?? '<p class="note">Nothing to draw yet.</p>';
  return `<section id="bytes-picture"><h2>Where the bytes are</h2>
<ul class="legend">${legend}</ul>${note}${body}</section>`;
}

function patternsSection(r: ContextReport): string {
  const s = r.summary;
  if (s.exclusions.length === 0)
    return '<section id="patterns"><h2>Ignore patterns</h2><p>No patterns apply.</p></section>';
  const rows = s.exclusions
    .map(
      (e) => `<tr><td>${e.line + 1}</td><td><code>${e.negate ? '!' : ''}${esc(e.pattern)}</code></td>
<td>${e.negate ? 're-includes' : 'keeps out'} ${esc(formatTotals(e))}</td></tr>`,
    )
    .join('');
  return `<section id="patterns"><h2>Ignore patterns</h2>${table(['Line', 'Pattern', 'Effect'], rows)}</section>`;
}

function savingsSection(r: ContextReport): string {
  const list = r.summary.savings;
  if (list.length === 0) return '';
  const sent = r.summary.sent?.bytes ?? 0;
  const items = list
    .map((f) => {
      const cost = `−${esc(formatBytes(f.bytes))} (${formatShare(f.bytes, sent)})`;
      return `<li>${cost}: ${esc(f.message)} <small>${esc(f.ruleId)}</small></li>`;
    })
    .join('');
  return `<section id="savings"><h2>Biggest savings</h2><ul>${items}</ul></section>`;
}

function copiesSection(r: ContextReport): string {
  if (r.copies.length === 0) return '';
  const rows = r.copies
    .map(
      (c) => `<tr><td>${c.line + 1}</td><td><code>${esc(c.instruction)}</code></td>
<td>${c.transferred ? esc(formatTotals(c.transferred)) : '—'}</td></tr>`,
    )
    .join('');
  const head = ['Line', 'Instruction', 'Transfers'];
  return `<section id="copies"><h2>What each COPY/ADD transfers</h2>${table(head, rows)}</section>`;
}

const baseName = (p: string): string =>
  p
    .replace(/[\\/]+$/, '')
    .split(/[\\/]/)
    .pop() ?? p;

const table = (head: string[], rows: string): string =>
  `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`;

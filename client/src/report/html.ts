// The Build Context Report as static HTML: stacked bars of sent vs kept-out bytes per
// directory, the ignore patterns with what each keeps out, and what each COPY pulls in.
// No script runs in the webview; colours come from VS Code's theme variables.
import type { ContextReport, ReportDir } from '../../../server/src/protocol';
import { formatBytes, formatNumber, formatShare, formatTotals } from '../../../server/src/protocol';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function reportHtml(r: ContextReport | null, cspSource: string): string {
  const body = r ? reportBody(r) : '<p id="empty">Open a Dockerfile or ignore file to see its build context.</p>';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline';">
<title>Build Context Report</title><style>${STYLE}</style></head>
<body><main id="buildctx-report">${body}</main></body></html>`;
}

function reportBody(r: ContextReport): string {
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
  return `<h1>Build context of ${esc(baseName(s.dockerfile ?? s.uri))}</h1>${state}${fatal}<dl id="facts">${dl}</dl>
${splitSection(s)}${pictureSection(r.tree)}${patternsSection(r)}${savingsSection(r)}${copiesSection(r)}`;
}

/** Needed / sent but unused / excluded in one bar (the build-input model), once it is known. */
function splitSection(s: ContextReport['summary']): string {
  if (!s.needed || !s.unused || !s.excluded) return '';
  const parts: Array<[string, string, number]> = [
    ['needed', 'read by the build', s.needed.bytes],
    ['unused', 'sent, not needed', s.unused.bytes],
    ['excluded', 'kept out', s.excluded.bytes],
  ];
  const all = Math.max(
    1,
    parts.reduce((n, [, , b]) => n + b, 0),
  );
  const bar = parts
    .map(([c, , b]) => `<span class="${c}" style="width:${((b / all) * 100).toFixed(2)}%"></span>`)
    .join('');
  const legend = parts
    .map(([c, label, b]) => `<span class="swatch ${c}"></span>${esc(label)} ${esc(formatBytes(b))}`)
    .join(' ');
  return `<section id="split"><h2>Needed, sent, kept out</h2><div class="bar split">${bar}</div><p class="legend">${legend}</p></section>`;
}

function pictureSection(tree: ReportDir): string {
  const rows = [...tree.children].sort((a, b) => total(b) - total(a)).slice(0, 40);
  const max = Math.max(1, ...rows.map(total));
  const legend =
    '<p class="legend"><span class="swatch sent"></span>sent <span class="swatch excluded"></span>kept out by the ignore file</p>';
  const rootFiles = tree.sent.bytes + tree.excluded.bytes - rows.reduce((n, d) => n + total(d), 0);
  const note =
    rootFiles > 0
      ? `<p class="note">Files at the context root and smaller directories: ${esc(formatBytes(rootFiles))}.</p>`
      : '';
  return `<section id="bytes-picture"><h2>Where the bytes are</h2>${legend}<div class="bars">${rows.map((d) => barRow(d, max, 0)).join('')}</div>${note}</section>`;
}

function barRow(d: ReportDir, max: number, depth: number): string {
  const sentW = (d.sent.bytes / max) * 100;
  const exclW = (d.excluded.bytes / max) * 100;
  const label = `${esc(d.path)}/`;
  const figures = `${esc(formatBytes(d.sent.bytes))} sent${d.excluded.bytes > 0 ? `, ${esc(formatBytes(d.excluded.bytes))} kept out` : ''}`;
  const bar = `<div class="row" style="--depth:${depth}" title="${label}: ${d.sent.files} files sent, ${d.excluded.files} kept out">
<span class="name">${label}</span><span class="bar"><span class="sent" style="width:${sentW.toFixed(2)}%"></span><span class="excluded" style="width:${exclW.toFixed(2)}%"></span></span><span class="fig">${figures}</span></div>`;
  const kids = [...d.children].sort((a, b) => total(b) - total(a)).slice(0, 8);
  if (kids.length === 0 || depth >= 2) return bar;
  return `<details><summary>${bar}</summary>${kids.map((k) => barRow(k, max, depth + 1)).join('')}</details>`;
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
  return `<section id="patterns"><h2>Ignore patterns</h2><table><thead><tr><th>Line</th><th>Pattern</th><th>Effect</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function savingsSection(r: ContextReport): string {
  const list = r.summary.savings;
  if (list.length === 0) return '';
  const sent = r.summary.sent?.bytes ?? 0;
  const items = list
    .map(
      (f) =>
        `<li>−${esc(formatBytes(f.bytes))} (${formatShare(f.bytes, sent)}): ${esc(f.message)} <small>${esc(f.ruleId)}</small></li>`,
    )
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
  return `<section id="copies"><h2>What each COPY/ADD transfers</h2><table><thead><tr><th>Line</th><th>Instruction</th><th>Transfers</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

const total = (d: ReportDir): number => d.sent.bytes + d.excluded.bytes;
const baseName = (p: string): string =>
  p
    .replace(/[\\/]+$/, '')
    .split(/[\\/]/)
    .pop() ?? p;

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 24px; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.6em; border-bottom: 1px solid var(--vscode-panel-border); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; } dt { color: var(--vscode-descriptionForeground); } dd { margin: 0; }
.note { color: var(--vscode-descriptionForeground); } .fatal { color: var(--vscode-errorForeground); }
.bars { display: flex; flex-direction: column; gap: 3px; }
/* Fixed side columns: every row is its own grid, so only fixed widths keep bar lengths comparable. */
.row { display: grid; grid-template-columns: 13em minmax(6em, 1fr) 17em; gap: 8px; align-items: center; }
.row .name { padding-left: calc(var(--depth) * 1.2em); }
.name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-family: var(--vscode-editor-font-family); }
.bar { display: flex; height: 12px; background: var(--vscode-editorWidget-background); }
.bar .sent, .swatch.sent { background: var(--vscode-charts-blue); }
.bar .excluded, .swatch.excluded { background: var(--vscode-charts-green); opacity: .75; }
.bar.split { display: flex; height: 14px; margin: 4px 0; }
.bar .needed, .swatch.needed { background: var(--vscode-charts-purple); }
.bar .unused, .swatch.unused { background: var(--vscode-charts-orange); }
.swatch { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 10px; }
.fig { color: var(--vscode-descriptionForeground); font-variant-numeric: tabular-nums; }
details > summary { list-style: none; cursor: pointer; } details > summary::-webkit-details-marker { display: none; }
table { border-collapse: collapse; } th, td { text-align: left; padding: 2px 10px 2px 0; vertical-align: top; }
code { font-family: var(--vscode-editor-font-family); color: var(--vscode-textPreformat-foreground); }
`;

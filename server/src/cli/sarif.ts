// SARIF 2.1.0 for `buildctx check --format sarif`, so code-scanning UIs show findings with
// each rule's description and docs link. Locations are 1-based (SARIF) and relative to the
// checked root through `originalUriBaseIds`, so the log is portable between checkouts.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Range, Severity } from '../engine/types';
import type { Rule } from '../engine/rules/types';
import { ruleDocsPath, ruleDocsUri } from '../ruleDocs';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};
const BASE = 'CHECKROOT';

export interface SarifOptions {
  root: string;
  version: string;
  rules: readonly Rule[];
}

function artifactUri(file: string, root: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(file).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: BASE };
}

function ruleDescriptor(rule: Rule): Record<string, unknown> {
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.description },
    helpUri: ruleDocsUri(rule.id),
    help: { text: `${rule.description} See ${ruleDocsPath(rule.id)}` },
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
  };
}

function regionOf(r: Range, nonEmpty = false): Record<string, number> {
  const region: Record<string, number> = { startLine: r.start.line + 1, startColumn: r.start.character + 1 };
  if (!nonEmpty || r.end.line > r.start.line || r.end.character > r.start.character)
    Object.assign(region, { endLine: r.end.line + 1, endColumn: r.end.character + 1 });
  return region;
}

/** Safe fixes as SARIF fixes, so tools that apply SARIF fixes can do what `--fix` does. */
function fixesOf(f: Finding, root: string): Array<Record<string, unknown>> {
  return f.fixes
    .filter((x) => x.safe)
    .map((fix) => ({
      description: { text: fix.title },
      artifactChanges: fix.edits.map((fe) => ({
        artifactLocation: artifactUri(fe.file, root),
        replacements: fe.edits.map((e) => ({ deletedRegion: regionOf(e.range), insertedContent: { text: e.newText } })),
      })),
    }));
}

function result(f: Finding, ruleIndex: number, root: string): Record<string, unknown> {
  const region = regionOf(f.range, true);
  const out: Record<string, unknown> = {
    ruleId: f.ruleId,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: artifactUri(f.file, root), region } }],
  };
  if (ruleIndex >= 0) out.ruleIndex = ruleIndex;
  if (f.related?.length)
    out.relatedLocations = f.related.map((r, id) => ({
      id,
      physicalLocation: { artifactLocation: artifactUri(r.file, root), region: regionOf(r.range, true) },
      message: { text: r.message },
    }));
  const fixes = fixesOf(f, root);
  if (fixes.length) out.fixes = fixes;
  if (f.cost) out.properties = { files: f.cost.files, bytes: f.cost.bytes };
  return out;
}

/** A SARIF log object for the findings of one `check` run. */
export function toSarif(findings: Finding[], opts: SarifOptions): Record<string, unknown> {
  // Every rule is listed, not only those that fired, so viewers can show the full rule set; a rule
  // registered once per file kind (same id) is one descriptor.
  const used = opts.rules.filter((r, i) => opts.rules.findIndex((x) => x.id === r.id) === i);
  const index = new Map(used.map((r, i) => [r.id, i]));
  const rootUri = pathToFileURL(opts.root.endsWith(path.sep) ? opts.root : opts.root + path.sep).href;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'buildctx',
            version: opts.version,
            rules: used.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [BASE]: { uri: rootUri } },
        results: findings.map((f) => result(f, index.get(f.ruleId) ?? -1, opts.root)),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

// Findings to LSP diagnostics. The fixes travel in `data`, so code actions need no lookup
// and never act on a finding computed for other text (ruff's design).
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Fix, Severity } from '../engine/types';
import { ruleDocsUri } from '../ruleDocs';
import { pathToUri } from '../workspace/files';

export const SOURCE = 'buildctx';

export interface DiagnosticData {
  fixes: Fix[];
  cost?: { files: number; bytes: number };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: ruleDocsUri(f.ruleId) },
    source: SOURCE,
    message: f.message,
  };
  if (f.related?.length)
    d.relatedInformation = f.related.map((r) => ({
      location: { uri: pathToUri(r.file), range: r.range },
      message: r.message,
    }));
  const tags = (f.tags ?? []).map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  if (tags.length > 0) d.tags = tags;
  const data: DiagnosticData = { fixes: f.fixes };
  if (f.cost) data.cost = f.cost;
  d.data = data;
  return d;
}

/** The fixes a diagnostic carries, if it is one of ours and intact. */
export function fixesOf(d: Diagnostic): Fix[] {
  if (d.source !== SOURCE) return [];
  const data = d.data as Partial<DiagnosticData> | undefined;
  return Array.isArray(data?.fixes) ? data.fixes : [];
}

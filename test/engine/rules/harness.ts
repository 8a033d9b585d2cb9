// Dockerfile-rule cases in a few lines: the files of a context, its `.dockerignore` lines and
// the Dockerfile text become a real directory, resolved and scanned by the engine itself (the
// real matcher and scan, as `buildFor` in helpers.ts does), with helpers' one `dockerfileCtx`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DockerfileRuleContext, Rule } from '../../../server/src/engine/rules/types';
import { runRules } from '../../../server/src/engine/rules/runRules';
import { applyTextEdits } from '../../../server/src/engine/edits';
import type { Builder, Finding, Settings } from '../../../server/src/engine/types';
import { buildFor, dockerfileCtx, makeTree } from './helpers';

export interface CtxOptions {
  dockerfile: string;
  /** Context files by relative path (a trailing '/' makes an empty directory). */
  files?: Record<string, string>;
  /** Lines of `.dockerignore`; omitted means no ignore file. */
  ignore?: string[];
  builder?: Builder;
  /** False leaves `scan` null, as while a scan is still running. */
  scanned?: boolean;
  settings?: Partial<Settings>;
}

// Cases are many and small: their directories go when the test process ends.
const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** The rule context of a case, its one build resolved and scanned from disk. */
export function dockerfileCase(o: CtxOptions): DockerfileRuleContext {
  const files: Record<string, string> = { ...o.files, Dockerfile: o.dockerfile };
  if (o.ignore) files['.dockerignore'] = `${o.ignore.join('\n')}\n`;
  const t = makeTree(files);
  made.push(t.dir);
  const build = buildFor({ contextDir: t.dir, builder: o.builder, scan: o.scanned !== false });
  return dockerfileCtx([build], o.settings);
}

/** A file of the case's context, by its path in the context. */
export function caseFile(ctx: DockerfileRuleContext, rel: string): string {
  return path.join(ctx.builds[0]!.contextDir, rel);
}

export function findings(rule: Rule, o: CtxOptions): Finding[] {
  return runRules(dockerfileCase(o), [rule]).findings;
}

/** The Dockerfile after applying the first fix of every finding on it. */
export function fixedText(ctx: DockerfileRuleContext, found: Finding[], file = ctx.file): string {
  const text = file === ctx.file ? ctx.text : (ctx.fs.readText(file) ?? '');
  const edits = found
    .flatMap((f) => f.fixes[0]?.edits ?? [])
    .filter((e) => e.file === file)
    .flatMap((e) => e.edits);
  return applyTextEdits(text, edits).text;
}

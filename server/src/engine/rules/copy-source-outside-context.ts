// copy-source-outside-context: a COPY/ADD source whose path climbs out of the build context.
// The builders disagree on what that means (moby/buildkit#2130):
//  - classic (builder/remotecontext) joins the source to the context root and refuses any
//    result outside it: "forbidden path outside the build context: ../x ()".
//  - BuildKit's dockerfile2llb requests path.Join("/", src), so `../x` is silently clamped to
//    `x` at the context root: the build fails with "not found", or copies that other file.
//  - podman/buildah's copier resolves sources inside the context root too, like BuildKit.
// An absolute source (`/x`) is read from the context root by every builder: it never leaves it.
import type { Finding, Severity } from '../types';
import { parseDockerfile } from '../dockerfile';
import type { BuildInfo, Rule, RuleContext } from './types';
import { leavesContext, sourceExists, type ContextSource } from './support/copySources';

const ID = 'copy-source-outside-context';

function clampedLabel(src: ContextSource): string {
  return src.path === '' ? 'the whole context' : `\`${src.path}\` at the context root`;
}

function verdict(src: ContextSource, builds: BuildInfo[], ctx: RuleContext): { severity: Severity; why: string } {
  if (builds.some((b) => b.builder === 'classic')) {
    return { severity: 'error', why: 'the classic builder refuses it ("forbidden path outside the build context")' };
  }
  const clamped = clampedLabel(src);
  const missing = src.path !== '' && builds.some((b) => sourceExists(src, b, ctx) === false);
  if (missing)
    return {
      severity: 'error',
      why: `BuildKit and podman read it as ${clamped}, which does not exist, so the build fails`,
    };
  return {
    severity: 'warning',
    why: `BuildKit and podman never read outside the context: they silently copy ${clamped} instead`,
  };
}

function check(ctx: RuleContext): Finding[] {
  if (ctx.kind !== 'dockerfile' || ctx.builds.length === 0) return [];
  const model = parseDockerfile(ctx.text);
  const out: Finding[] = [];
  for (const copy of model.copies) {
    for (const source of copy.sources) {
      if (source.kind !== 'context' || source.contextPath === null || !leavesContext(source.value)) continue;
      const { severity, why } = verdict({ copy, source, path: source.contextPath }, ctx.builds, ctx);
      out.push({
        ruleId: ID,
        severity,
        file: ctx.file,
        range: source.range,
        message: `${copy.keyword} source \`${source.raw}\` is outside the build context: ${why}. Move the build context up or the file into it.`,
        fixes: [],
      });
    }
  }
  return out;
}

export const copySourceOutsideContext: Rule = {
  id: ID,
  appliesTo: 'dockerfile',
  defaultSeverity: 'error',
  description:
    'A COPY/ADD source climbs out of the build context with `..`: the classic builder refuses it, BuildKit reads another path.',
  check,
};

// Whatever the context holds can end up in an image layer, and a build context is often pushed
// to a remote builder. Credential-looking files sent to the build are named (never their
// content) on the instruction that sends them, with a fix excluding them, unless a COPY names
// one explicitly: then excluding it would break the build, so we say so instead.
import type { Finding, Fix } from '../types';
import type { BuildInfo, DockerfileRuleContext, Rule, RuleContext } from './types';
import { contextCopies, copyNaming, wholeContextSenders, type ContextCopy } from './support/copies';
import { listSome } from '../format';
import { literalPattern } from './support/ignoreFix';
import { exclusionContext, exclusionFix, exclusionFixReady } from './support/recommend';
import { sentSecrets, type SecretFile } from './support/secrets';
import { breaksInputs } from './support/inputs';
import * as path from 'node:path';
import { findRepository, trackedPaths } from '../gitignore/repository';

const ID = 'secret-in-context';

/** Whether `copy` sends `path`: it copies the whole context or a directory above the file. */
function sends(copy: ContextCopy, path: string): boolean {
  return copy.whole || copy.sources.some((s) => s !== '' && !/[*?[]/.test(s) && path.startsWith(`${s}/`));
}

function findingFor(
  ctx: DockerfileRuleContext,
  build: BuildInfo,
  sender: ContextCopy,
  secrets: SecretFile[],
  copies: ContextCopy[],
): Finding {
  const named = new Map<string, ContextCopy>();
  for (const s of secrets) {
    const c = copyNaming(copies, s.path);
    if (c) named.set(s.path, c);
  }
  const listed = listSome(
    secrets.map((s) => `${s.path} (${s.what})`),
    4,
  );
  let message = `${sender.subject} sends ${secrets.length === 1 ? 'a file that looks' : `${secrets.length} files that look`} like credentials: ${listed}`;
  if (named.size > 0) {
    const [p, c] = [...named][0]!;
    message += `. ${named.size === 1 ? p : `${p} and ${named.size - 1} more`} ${named.size === 1 ? 'is' : 'are'} named by ${c.subject}, so not excluded: prefer a build secret (RUN --mount=type=secret)`;
  }
  const patterns = secrets
    .filter((s) => !named.has(s.path))
    .map((s) => literalPattern(s.path))
    .filter((p): p is string => p !== null);
  const { fixes, note } = narrowed(ctx, build, patterns);
  message += note;
  const exposure = exposureOf(ctx, build, secrets);
  message += exposure.note;
  const bytes = secrets.reduce((n, s) => n + s.size, 0);
  return {
    ruleId: ID,
    severity: exposure.lower ? 'info' : 'warning',
    file: ctx.file,
    range: sender.range,
    message,
    fixes,
    cost: { files: secrets.length, bytes },
  };
}

/**
 * The safe fix excludes only what no build reads; a file the build or the image may read gets
 * a fix of its own that fix-all never applies, and the message points to build secrets.
 */
function narrowed(ctx: DockerfileRuleContext, build: BuildInfo, patterns: string[]): { fixes: Fix[]; note: string } {
  const x = exclusionContext(ctx);
  const read = patterns.filter((p) => breaksInputs(x, build, [p]) !== null);
  const free = patterns.filter((p) => !read.includes(p));
  const safe = free.length > 0 ? exclusionFix(build, x, free, { safe: true }) : null;
  const risky = read.length > 0 ? exclusionFix(build, x, read, { safe: false }) : null;
  const why = read.length > 0 ? breaksInputs(x, build, [read[0]!]) : null;
  const note = why
    ? `. ${listSome(read, 3)} ${read.length === 1 ? 'is' : 'are'} not excluded automatically: ${why}; ` +
      'if the build needs it, pass it as a build secret (RUN --mount=type=secret)'
    : '';
  return { fixes: [safe, risky].filter((f): f is Fix => f !== null), note };
}

const TEST_DIRS = /(^|\/)(testdata|test-data|fixtures?|examples?|samples?|__fixtures__|__tests__|tests?|e2e)\//;

/**
 * Secrets git already tracks are public (rotate them; excluding them from the build hides
 * nothing), and test fixtures are rarely live credentials: either way an info, not a warning.
 */
function exposureOf(
  ctx: DockerfileRuleContext,
  build: BuildInfo,
  secrets: SecretFile[],
): { lower: boolean; note: string } {
  const repo = findRepository(build.contextDir, ctx.fs);
  const tracked = repo ? trackedPaths(repo, ctx.fs) : new Set<string>();
  const inRepo = (p: string): string =>
    path
      .relative(repo?.root ?? '', path.join(build.contextDir, p))
      .split(path.sep)
      .join('/');
  const committed = secrets.filter((s) => repo && tracked.has(inRepo(s.path)));
  const fixtures = secrets.filter((s) => TEST_DIRS.test(s.path));
  const lower = secrets.every((s) => committed.includes(s) || fixtures.includes(s));
  const notes: string[] = [];
  if (committed.length > 0)
    notes.push(
      `${listSome(
        committed.map((s) => s.path),
        3,
      )} ${committed.length === 1 ? 'is' : 'are'} committed to git, so already public: rotate rather than hide`,
    );
  if (fixtures.length > 0 && lower && committed.length < secrets.length) notes.push('the rest are test fixtures');
  return { lower, note: notes.length > 0 ? `. ${notes.join('; ')}` : '' };
}

function check(ctx: DockerfileRuleContext): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const build of ctx.builds) {
    const scan = build.scan;
    if (!scan || scan.fatal) continue;
    // Silent until the language server's background passes over the tree land.
    const secrets = sentSecrets(ctx.work, scan, ctx.fs) ?? [];
    if (secrets.length === 0 || !exclusionFixReady(build, exclusionContext(ctx))) continue;
    const copies = contextCopies(ctx.text, build.builder);
    const senders = [...wholeContextSenders(ctx.text, build.builder), ...copies.filter((c) => !c.whole)];
    for (const sender of senders) {
      const sent = secrets.filter((s) => sends(sender, s.path));
      const key = `${sender.range.start.line}\0${sent.map((s) => s.path).join('\0')}`;
      if (sent.length === 0 || seen.has(key)) continue;
      seen.add(key);
      out.push(findingFor(ctx, build, sender, sent, copies));
    }
  }
  return out;
}

export const secretInContext: Rule = {
  id: ID,
  appliesTo: 'dockerfile',
  defaultSeverity: 'warning',
  description: 'Files that look like credentials (.env, private keys, tokens in .npmrc…) are sent to the build.',
  check(ctx: RuleContext): Finding[] {
    return ctx.kind === 'dockerfile' ? check(ctx) : [];
  },
};

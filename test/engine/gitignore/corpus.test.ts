// Replays real git's verdicts (test/fixtures/gitignore/corpus.jsonl, made by
// scripts/gitignore-corpus.mjs) through the engine: whether git ignores each path and, when it
// does, which file and line decide. Each case is asked from its repository root and again from
// each directory as the build context, where the .gitignore files above the context count too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Gitignores } from '../../../server/src/engine/gitignore/gitignores';
import type { DirEntry } from '../../../server/src/engine/context/model';
import type { FileAccess } from '../../../server/src/engine/types';

interface Verdict {
  case: string;
  files: Record<string, string>;
  exclude: string | null;
  path: string;
  dir: boolean;
  ignored: boolean;
  by: { source: string; line: number; pattern: string } | null;
}

const corpusFile = path.join(__dirname, '..', '..', 'fixtures', 'gitignore', 'corpus.jsonl');
const verdicts: Verdict[] = fs
  .readFileSync(corpusFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));

const REPO = path.join(path.sep, 'corpus-repo');

/** The case's repository in memory: its .gitignore files, .git/info/exclude and an empty .git. */
function repoFs(v: Verdict): FileAccess {
  const texts = new Map<string, string>();
  for (const [rel, text] of Object.entries(v.files)) texts.set(path.join(REPO, rel), text);
  if (v.exclude !== null) texts.set(path.join(REPO, '.git', 'info', 'exclude'), v.exclude);
  const dirs = new Set([path.join(REPO, '.git')]);
  for (const f of texts.keys()) for (let d = path.dirname(f); d !== path.sep; d = path.dirname(d)) dirs.add(d);
  return {
    readText: (p) => texts.get(p),
    readBytes: () => undefined,
    exists: (p) => texts.has(p) || dirs.has(p),
  };
}

const emptyRoot: DirEntry = {
  name: '',
  path: '',
  excludedBy: -1,
  dirs: new Map(),
  files: new Map(),
  sent: { files: 0, bytes: 0 },
  excluded: { files: 0, bytes: 0 },
};

/** The engine's Gitignores for `context` (repository-relative, '' for the root), as the rule builds it. */
function gitignoresAt(v: Verdict, context: string): Gitignores {
  const known = Object.keys(v.files)
    .map((f) => path.posix.dirname(f))
    .map((d) => (d === '.' ? '' : d))
    .filter((d) => context === '' || d === context || d.startsWith(`${context}/`))
    .map((d) => (context === '' ? d : d.slice(context.length + 1)));
  return new Gitignores(path.join(REPO, context), emptyRoot, repoFs(v), undefined, known);
}

function describe(v: Verdict, context: string, got: ReturnType<Gitignores['check']>): string {
  const engine = got ? `${path.relative(REPO, got.file.abs)}:${got.rule.line + 1}:${got.rule.pattern}` : 'kept';
  const git = v.by ? `${v.by.source}:${v.by.line}:${v.by.pattern}` : 'kept';
  const files = Object.entries(v.files).map(([f, t]) => `${f}=${JSON.stringify(t)}`);
  if (v.exclude !== null) files.push(`.git/info/exclude=${JSON.stringify(v.exclude)}`);
  const where = `${v.case} [context ${context || '.'}] ${v.path}${v.dir ? '/' : ''}`;
  return `${where}: git ${git}, engine ${engine}\n  ${files.join('\n  ')}`;
}

test('the corpus holds enough of git verdicts, ignored and kept', () => {
  assert.ok(verdicts.length >= 2000, `${verdicts.length} verdicts`);
  assert.ok(verdicts.filter((v) => v.ignored).length >= 500);
  assert.ok(verdicts.filter((v) => !v.ignored).length >= 500);
});

test('every git verdict of the corpus, from the root and from each directory as the context', () => {
  const byCase = new Map<string, Verdict[]>();
  for (const v of verdicts) {
    const vs = byCase.get(v.case);
    if (vs) vs.push(v);
    else byCase.set(v.case, [v]);
  }
  const wrong: string[] = [];
  let asked = 0;
  for (const vs of byCase.values()) {
    const contexts = ['', ...vs.filter((v) => v.dir).map((v) => v.path)];
    for (const context of contexts) {
      const gi = gitignoresAt(vs[0]!, context);
      for (const v of vs) {
        if (context !== '' && !v.path.startsWith(`${context}/`)) continue;
        const got = gi.check(context === '' ? v.path : v.path.slice(context.length + 1), v.dir);
        asked++;
        const source = got ? path.relative(REPO, got.file.abs) : null;
        const agrees = v.by
          ? got !== null && source === v.by.source && got.rule.line + 1 === v.by.line
          : got === null && !v.ignored;
        if (!agrees) wrong.push(describe(v, context, got));
      }
    }
  }
  assert.ok(asked > verdicts.length);
  assert.equal(wrong.length, 0, `${wrong.length} of ${asked} disagree with git:\n${wrong.slice(0, 60).join('\n')}`);
});

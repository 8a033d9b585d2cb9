// Scale lines of issue 7: time to check a 5,000-pattern ignore file and a 10,000-line
// Dockerfile (target < 100 ms each), as the editor re-checks a file on an edit: the context is
// already scanned, the file's text is read again and every rule runs over it. Median of RUNS.
// The "typed" lines change one character per run (a comment at the end of the ignore file, a
// WORKDIR mid-Dockerfile), so nothing cached by the file's whole text can answer.
//
//   npm run bench:hardening
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CheckedTree } from '../server/src/engine/check/checkedTree';
import { ALL_RULES } from '../server/src/engine/rules';
import { runRules } from '../server/src/engine/rules/runRules';
import type { FileAccess, RuleContext } from '../server/src/engine/rules/types';
import { readIgnoreFile } from '../server/src/engine/dockerignore/read';
import { DEFAULT_SETTINGS } from '../server/src/engine/types';
import { dockerfileCaseFiles, dockerfileText, ignoreCaseFiles, ignoreText, writeFiles } from './hardeningInputs';
import { TreeWork } from '../server/src/engine/background/treeWork';

const RUNS = 9;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const disk: FileAccess = {
  readText: (p) => {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  readBytes: (p) => {
    try {
      return fs.readFileSync(p);
    } catch {
      return undefined;
    }
  },
  exists: (p) => fs.existsSync(p),
};

type Edit = (text: string, run: number) => string;

/** Writes the case, scans it once (not timed), returns a function that checks `file` from its text. */
function prepare(dir: string, files: Record<string, string>, file: string, edit?: Edit): () => number {
  writeFiles(dir, files);
  const dockerfile = path.join(dir, 'Dockerfile');
  const builds = new CheckedTree({
    root: dir,
    settings: DEFAULT_SETTINGS,
    builder: 'buildkit',
    dockerfiles: [dockerfile],
    fs: disk,
  }).builds(disk);
  const abs = path.join(dir, file);
  let run = 0;
  const work = new TreeWork();
  return () => {
    const read = fs.readFileSync(abs, 'utf8');
    const text = edit ? edit(read, run++) : read;
    const ctx: RuleContext =
      file === 'Dockerfile'
        ? { kind: 'dockerfile', file: abs, text, builds, settings: DEFAULT_SETTINGS, fs: disk, work }
        : {
            kind: 'ignorefile',
            file: abs,
            text,
            parsed: readIgnoreFile(text),
            builds,
            settings: DEFAULT_SETTINGS,
            fs: disk,
            work,
          };
    const r = runRules(ctx, ALL_RULES);
    if (r.failures.length) throw new Error(r.failures.map((f) => `${f.ruleId}: ${f.message}`).join('\n'));
    return r.findings.length;
  };
}

function measure(label: string, check: () => number): void {
  check(); // warm-up: JIT and lazily compiled matchers
  const times: number[] = [];
  let findings = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    findings = check();
    times.push(performance.now() - t);
  }
  const m = median(times);
  console.log(
    `${label.padEnd(36)} median ${m.toFixed(1).padStart(7)} ms  (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}, ${RUNS} runs)  ${findings} findings  ${m < 100 ? 'ok' : 'OVER 100 ms'}`,
  );
}

const typedComment: Edit = (text, run) => `${text}# typed ${run}\n`;
const typedWorkdir: Edit = (text, run) => text.replace('WORKDIR /w1000\n', `WORKDIR /w1000-${run}\n`);

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-hardening-'));
try {
  const ignoreCase = { ...ignoreCaseFiles(), '.dockerignore': ignoreText() };
  const dockerfileCase = { ...dockerfileCaseFiles(), Dockerfile: dockerfileText() };
  measure('5,000-pattern .dockerignore', prepare(path.join(base, 'ignore'), ignoreCase, '.dockerignore'));
  measure('10,000-line Dockerfile', prepare(path.join(base, 'dockerfile'), dockerfileCase, 'Dockerfile'));
  measure(
    '5,000-pattern .dockerignore, typed',
    prepare(path.join(base, 'ignore-typed'), ignoreCase, '.dockerignore', typedComment),
  );
  measure(
    '10,000-line Dockerfile, typed',
    prepare(path.join(base, 'dockerfile-typed'), dockerfileCase, 'Dockerfile', typedWorkdir),
  );
} finally {
  fs.rmSync(base, { recursive: true, force: true });
}

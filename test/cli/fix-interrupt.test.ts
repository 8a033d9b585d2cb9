// An interrupted `buildctx check --fix` (SIGKILL: no handler runs, not even write-file-atomic's
// exit cleanup) must leave every file either byte-identical to before or to the fixed version.
// The child is stopped mid-way without timing: stdout to a pipe is synchronous on Linux, so
// once we stop reading after the first "fixed" line, the child can print at most a pipe buffer
// (64 KiB) more before it blocks; with long names and enough files, some files must stay old.
// What a user may find after such a kill: the file being written has a sibling
// `<file>.<decimal murmurhash>` (write-file-atomic's temp, renamed over the file on success,
// removed on catchable signals by its exit handler, but SIGKILL runs no handler). It is safe to delete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'server/src/cli/main.ts');
const FILES = 400;
const LONG = 'a-service-with-a-rather-long-name-'.repeat(6).slice(0, 200);
const DOCKERFILE = 'FROM golang:1.24\r\nWORKDIR /src\r\nCOPY . .\r\nRUN go build -o /out/app ./cmd/app';

function makeTree(dir: string): void {
  const files: Record<string, string> = {
    'go.mod': 'module example.com/app\n\ngo 1.24\n',
    'go.sum': '',
    'cmd/app/main.go': 'package main\n',
    'vendor/modules.txt': '# example.com/dep v1\n',
    '.dockerignore': 'vendor/\n',
  };
  // CRLF and no final newline: the fixed bytes must keep both, so "new" is a precise target.
  for (let i = 0; i < FILES; i++) files[`${LONG}-${String(i).padStart(3, '0')}.Dockerfile`] = DOCKERFILE;
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile())
      out.set(
        path.relative(dir, path.join(e.parentPath, e.name)),
        fs.readFileSync(path.join(e.parentPath, e.name), 'latin1'),
      );
  }
  return out;
}

/** Spawns `check --fix`, SIGKILLs it as soon as the first "fixed" line arrives; resolves with what it printed. */
function killAfterFirstFix(dir: string, deadlineMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'check', '--fix', dir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no "fixed" line within ${deadlineMs} ms:\n${out}`));
    }, deadlineMs);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (!/^fixed /m.test(out) || child.killed) return;
      child.stdout.pause();
      child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve(out);
      else reject(new Error(`the run ended by itself before it could be killed:\n${out}`));
    });
  });
}

// write-file-atomic writes `<file>.<murmurhash uint32>` and renames it over <file>.
const TMP_NAME = /^(.*)\.(\d{1,10})$/;

test('a --fix killed mid-way leaves every file old or new, never half-written', { timeout: 300_000 }, async (t) => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-fix-interrupt-'));
  try {
    const [killed, complete] = [path.join(base, 'killed'), path.join(base, 'complete')];
    makeTree(killed);
    makeTree(complete);
    const before = snapshot(killed);
    const full = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'check', '--fix', complete], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 240_000,
    });
    assert.equal(full.status, 0, full.stderr + full.stdout);
    const after = snapshot(complete);

    const printed = await killAfterFirstFix(killed, 240_000);
    const got = snapshot(killed);
    let fixed = 0;
    let old = 0;
    const temps: string[] = [];
    for (const [rel, bytes] of got) {
      const m = TMP_NAME.exec(rel);
      if (!before.has(rel) && m && before.has(m[1]!)) {
        temps.push(rel);
        continue;
      }
      assert.ok(before.has(rel), `unexpected file ${rel}`);
      if (bytes === after.get(rel) && bytes !== before.get(rel)) fixed++;
      else {
        assert.equal(bytes, before.get(rel), `${rel} is neither the old nor the fixed version`);
        old++;
      }
    }
    assert.equal(got.size - temps.length, before.size, 'a file disappeared');
    // Every file the killed run said it fixed is fixed; the pipe bound leaves some untouched.
    for (const m of printed.matchAll(/^fixed (\S+):/gm))
      assert.equal(got.get(path.relative(killed, m[1]!)), after.get(path.relative(killed, m[1]!)));
    t.diagnostic(`killed after ${fixed} of ${FILES} fixes; ${temps.length} temp file(s) left`);
    assert.ok(fixed >= 1, 'the first printed fix is on disk');
    assert.ok(old >= 1, `the run was not interrupted mid-way (${fixed} fixed)`);
    // A SIGKILL during a write may leave write-file-atomic's temp file beside its target; at most one, since writes are sequential.
    assert.ok(temps.length <= 1, `temp files left: ${temps.join(', ')}`);
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
});

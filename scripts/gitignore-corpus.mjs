#!/usr/bin/env node
// Regenerate with:  node scripts/gitignore-corpus.mjs   (writes test/fixtures/gitignore/corpus.jsonl)
//
// Real git's verdicts on small generated repositories, for test/engine/gitignore/corpus.test.ts
// to replay through the engine. Each case is written to a temporary `git init` repository with
// its .gitignore files and .git/info/exclude; git is asked about every file and directory with
// `git check-ignore --no-index -v --non-matching -z --stdin`, and `git ls-files -o -i
// --exclude-standard` must list exactly the files check-ignore calls ignored (a cross-check of
// how its output is read). The generator is seeded: the same git gives the same file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'test', 'fixtures', 'gitignore', 'corpus.jsonl');
const SEED = 20240614;
const RANDOM_CASES = 240;

// No user or system configuration may add excludes (core.excludesFile) or change case rules.
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gitignore-corpus-home-'));
const gitEnv = {
  ...process.env,
  HOME: home,
  XDG_CONFIG_HOME: home,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  LC_ALL: 'C',
};

function git(cwd, args, input) {
  const r = spawnSync('git', args, { cwd, env: gitEnv, input, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.error) throw r.error;
  // check-ignore exits 1 when nothing is ignored; with --non-matching that still prints every path.
  if (r.status !== 0 && !(args[0] === 'check-ignore' && r.status === 1)) {
    throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${r.stderr}`);
  }
  return r.stdout;
}

// mulberry32: small, seedable, and the same on every Node.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Hand-written cases: each shape the brief names, where a random draw would rarely land. */
const HAND = [
  {
    name: 'cmd-go-reinclude',
    files: { '.gitignore': '/cmd/*/*\n!/cmd/*/*.go\n!/cmd/*/main.go\n' },
    tree: ['cmd/app/main.go', 'cmd/app/util.go', 'cmd/app/README', 'cmd/app/sub/x.go', 'cmd/tool/main.go', 'cmd/x'],
  },
  {
    name: 'reinclude-inside-excluded-dir',
    files: { '.gitignore': 'build/\n!build/keep.txt\n!build/sub/\n' },
    tree: ['build/keep.txt', 'build/other', 'build/sub/a', 'src/build/keep.txt'],
  },
  {
    name: 'reinclude-with-star',
    files: { '.gitignore': 'build/*\n!build/keep.txt\n!build/sub/\nbuild/sub/*.o\n' },
    tree: ['build/keep.txt', 'build/other', 'build/sub/a.o', 'build/sub/a.c', 'build/deeper/x'],
  },
  {
    name: 'nested-gitignore-in-excluded-dir',
    files: { '.gitignore': 'vendor/\n', 'vendor/.gitignore': '!*\n', 'lib/.gitignore': '!x.log\n' },
    tree: ['vendor/a.go', 'vendor/sub/b', 'lib/x.log', 'lib/y.log', 'z.log'],
    exclude: '*.log\n',
  },
  {
    name: 'escapes-and-spaces',
    files: {
      '.gitignore': '\\!bang\n\\#hash\ntrail\\ \nspaces   \n# comment\n  lead\nmid\\ dle\n\\*star\nback\\\\slash\n',
    },
    tree: ['!bang', '#hash', 'trail ', 'trail', 'spaces', 'spaces ', '  lead', 'lead', 'mid dle', '*star', 'xstar'],
  },
  {
    name: 'double-star-positions',
    files: { '.gitignore': '**/logs\n**/cache/**\na/**/z\nonly/**\n**\n!**/\n!keep/**\n' },
    tree: ['logs/x', 'a/logs', 'cache/1', 'b/cache/2', 'a/z', 'a/b/z', 'a/b/c/z', 'only/1/2', 'keep/k', 'top'],
  },
  {
    name: 'glued-double-star',
    files: { '.gitignore': 'a**b\n**foo\nbar**\nx/**y\n' },
    tree: ['ab', 'axxb', 'a/b', 'afoo/1', 'foo', 'dir/xfoo', 'barbaz', 'bar/q', 'x/y', 'x/zy', 'x/d/y'],
  },
  {
    name: 'classes-and-question',
    files: { '.gitignore': '[a-c]*.txt\n[!a]?.log\nf[]]\ng[!]]x\nh[a-]\n[[:digit:]]n\nq?\n' },
    tree: ['a.txt', 'b1.txt', 'd.txt', 'ab.log', 'bb.log', 'f]', 'g]x', 'gax', 'h-', 'ha', '7n', 'q1', 'q12'],
  },
  {
    name: 'dir-and-file-same-name',
    files: { '.gitignore': 'out/\nbin\n/data/\n', 'sub/.gitignore': 'out\n!bin/\n' },
    tree: ['out', 'x/out/f', 'bin', 'y/bin/f', 'sub/out', 'sub/bin/f', 'data/f', 'z/data/f', 'data2'],
  },
  {
    name: 'middle-slash-anchors',
    files: { '.gitignore': 'doc/frotz\nsrc/*.c\n', 'src/.gitignore': 'gen/*.c\n' },
    tree: ['doc/frotz', 'a/doc/frotz', 'src/a.c', 'src/x/a.c', 'src/gen/b.c', 'src/a/gen/b.c', 'gen/b.c'],
  },
  {
    name: 'crlf-bom-comments',
    files: { '.gitignore': '\uFEFF*.tmp\r\n# *.md\r\n!keep.tmp\r\n\r\n\\#not\r\n*.md' },
    tree: ['a.tmp', 'keep.tmp', 'b.md', '# *.md', '#not', 'sub/c.tmp'],
  },
  {
    name: 'exclude-vs-gitignore',
    files: { '.gitignore': '!*.keep\n', 'deep/.gitignore': '*.keep\n' },
    exclude: '*.keep\n*.drop\n!deep/\n',
    tree: ['a.keep', 'a.drop', 'deep/b.keep', 'deep/b.drop', 'deep/er/c.keep'],
  },
  {
    name: 'trailing-slash-star',
    files: { '.gitignore': 'foo/*\n!foo/bar\nfoo/bar/*\n!foo/bar/baz/\n' },
    tree: ['foo/x', 'foo/bar/y', 'foo/bar/baz/z', 'foo/q/r'],
  },
  {
    name: 'brackets-odd',
    files: {
      '.gitignore': 'u[\n[z-a]x\n[[:alpha:]][[:digit:]]\nk[[:nope:]]\nw[a/b]c\n',
      'd/.gitignore': '!x/**/\nx/**\n',
    },
    tree: ['u[', 'zx', 'ax', 'a1', '11', 'k1', 'wac', 'w/c', 'd/x/y/z', 'd/x/f', 'd/xx'],
  },
  {
    name: 'only-slash-and-dots',
    files: { '.gitignore': '/\n./a\n../b\n/c/\n\\\nd/\\\n' },
    tree: ['a', 'b', 'c/x', 'd/x', 'e'],
  },
];

const NAMES = ['a', 'b', 'c', 'ab', 'foo', 'bar', 'main.go', 'util.go', 'x.log', 'y.txt', '.hidden', 'build', 'cmd'];
const ODD_NAMES = ['#c', '!n', 'sp ace', 'tail ', 'a[1]', 'Caps'];
const EXT = ['go', 'log', 'txt'];

/** A random tree: paths of files (names reused at several depths, as files and as directories). */
function randomTree(r, pick) {
  const tree = new Set();
  const grow = (prefix, depth) => {
    const n = 1 + Math.floor(r() * (depth === 0 ? 5 : 3));
    for (let i = 0; i < n; i++) {
      const name = r() < 0.08 ? pick(ODD_NAMES) : pick(NAMES);
      const p = prefix ? `${prefix}/${name}` : name;
      if (depth < 3 && r() < 0.45) grow(p, depth + 1);
      else tree.add(p);
    }
  };
  grow('', 0);
  // A path both a file and a directory cannot be: keep the directory.
  const dirs = new Set(
    [...tree].flatMap((p) =>
      p
        .split('/')
        .slice(0, -1)
        .map((_, i, s) => s.slice(0, i + 1).join('/')),
    ),
  );
  return [...tree].filter((p) => !dirs.has(p));
}

function segment(r, pick, names) {
  const name = pick(names);
  const x = r();
  if (x < 0.35) return name;
  if (x < 0.5) return '*';
  if (x < 0.58) return `*.${pick(EXT)}`;
  if (x < 0.66) return '**';
  if (x < 0.72) return name.length > 1 ? `?${name.slice(1)}` : '?';
  if (x < 0.78) return `[a-c]${name.slice(1)}`;
  if (x < 0.83) return `[!a]${name.slice(1)}`;
  if (x < 0.89) return `${name.slice(0, 1)}*`;
  if (x < 0.93) return `${name}**`;
  if (x < 0.96) return `**${name.slice(-1)}`;
  return name.replace(/^([#!])/, '\\$1').replace(/ $/, '\\ ');
}

function pattern(r, pick, names) {
  const n = 1 + Math.floor(r() * r() * 3.5);
  let p = Array.from({ length: n }, () => segment(r, pick, names)).join('/');
  if (r() < 0.25) p = `/${p}`;
  if (r() < 0.2) p = `${p}/`;
  if (r() < 0.3) p = `!${p}`;
  if (r() < 0.05) p = `${p}  `;
  return p;
}

function gitignoreText(r, pick, names) {
  const lines = [];
  const n = 1 + Math.floor(r() * 5);
  for (let i = 0; i < n; i++) {
    if (r() < 0.08) lines.push(`# ${pattern(r, pick, names)}`);
    if (r() < 0.05) lines.push('');
    lines.push(pattern(r, pick, names));
  }
  const eol = r() < 0.15 ? '\r\n' : '\n';
  return lines.join(eol) + (r() < 0.85 ? eol : '');
}

function randomCase(r, i) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const tree = randomTree(r, pick);
  const names = [...new Set(tree.flatMap((p) => p.split('/')))];
  const dirs = [
    ...new Set(
      tree.flatMap((p) =>
        p
          .split('/')
          .slice(0, -1)
          .map((_, j, s) => s.slice(0, j + 1).join('/')),
      ),
    ),
  ];
  const files = {};
  if (r() < 0.85) files['.gitignore'] = gitignoreText(r, pick, names);
  for (const d of dirs) if (r() < 0.3) files[`${d}/.gitignore`] = gitignoreText(r, pick, names);
  const c = { name: `random-${i}`, files, tree };
  if (r() < 0.3) c.exclude = gitignoreText(r, pick, names);
  return c;
}

/** Every file and directory of the case, as git would walk it (the .git directory aside). */
function entriesOf(c) {
  const all = new Map();
  for (const p of [...c.tree, ...Object.keys(c.files)]) {
    const segs = p.split('/');
    segs.forEach((_, i) => {
      const sub = segs.slice(0, i + 1).join('/');
      if (i < segs.length - 1) all.set(sub, true);
      else if (!all.has(sub)) all.set(sub, false);
    });
  }
  return [...all].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function writeCase(dir, c, entries) {
  git(dir, ['init', '-q']);
  for (const [p, isDir] of entries) {
    if (isDir) fs.mkdirSync(path.join(dir, p), { recursive: true });
    else fs.writeFileSync(path.join(dir, p), c.files[p] ?? '');
  }
  if (c.exclude !== undefined) fs.writeFileSync(path.join(dir, '.git', 'info', 'exclude'), c.exclude);
  else fs.rmSync(path.join(dir, '.git', 'info', 'exclude'), { force: true });
}

/** check-ignore -v -z prints source, line, pattern and path per query; a '!' pattern means kept. */
function verdicts(dir, entries) {
  const fields = git(
    dir,
    ['check-ignore', '--no-index', '-v', '--non-matching', '-z', '--stdin'],
    entries.map(([p]) => `${p}\0`).join(''),
  ).split('\0');
  const got = new Map();
  for (let i = 0; i + 3 < fields.length; i += 4) {
    const [source, line, pat, p] = fields.slice(i, i + 4);
    const ignored = pat !== '' && !pat.startsWith('!');
    got.set(p, { ignored, by: ignored ? { source, line: Number(line), pattern: pat } : null });
  }
  return got;
}

function crossCheck(dir, entries, got, name) {
  const listed = new Set(git(dir, ['ls-files', '-o', '-i', '--exclude-standard', '-z']).split('\0').filter(Boolean));
  for (const [p, isDir] of entries) {
    if (isDir) continue;
    if (listed.has(p) !== got.get(p).ignored) throw new Error(`${name}: ls-files and check-ignore disagree on ${p}`);
  }
}

function main() {
  const r = rng(SEED);
  const cases = [...HAND, ...Array.from({ length: RANDOM_CASES }, (_, i) => randomCase(r, i))];
  const lines = [];
  for (const c of cases) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitignore-corpus-'));
    try {
      const entries = entriesOf(c);
      writeCase(dir, c, entries);
      const got = verdicts(dir, entries);
      crossCheck(dir, entries, got, c.name);
      for (const [p, isDir] of entries) {
        const v = got.get(p);
        if (!v) throw new Error(`${c.name}: git gave no verdict on ${p}`);
        const row = { case: c.name, files: c.files, exclude: c.exclude ?? null, path: p, dir: isDir };
        lines.push(JSON.stringify({ ...row, ignored: v.ignored, by: v.by }));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${lines.join('\n')}\n`);
  const ignored = lines.filter((l) => l.includes('"ignored":true')).length;
  console.log(
    `${lines.length} verdicts (${ignored} ignored) from ${cases.length} cases, ${git(root, ['--version']).trim()}`,
  );
}

try {
  main();
} finally {
  fs.rmSync(home, { recursive: true, force: true });
}

// duplicate-image-build over sites found by discovery in a fixture repository shaped like the
// incident's follow-up: a Makefile that builds images and a deploy script that rebuilds one
// with --no-cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diskAccess, discoverContexts } from '../../../server/src/engine/discovery';
import { CheckedTree } from '../../../server/src/engine/check/checkedTree';
import { ALL_RULES } from '../../../server/src/engine/rules';
import type { BuildSite } from '../../../server/src/engine/discovery/types';
import { duplicateImageBuild } from '../../../server/src/engine/rules/duplicate-image-build';
import type { BuildInfo } from '../../../server/src/engine/rules/types';
import { DEFAULT_SETTINGS, type Finding } from '../../../server/src/engine/types';
import { dockerfileCtx, runRule } from './helpers';

const ROOT = path.resolve(__dirname, '../../fixtures/discovery/duplicate');
const discovered = discoverContexts(ROOT, { settings: DEFAULT_SETTINGS });

function check(dockerfile: string, sites: BuildSite[] = discovered.sites, text?: string): Finding[] {
  const file = path.isAbsolute(dockerfile) ? dockerfile : path.join(ROOT, dockerfile);
  const info: BuildInfo = {
    dockerfile: file,
    contextDir: ROOT,
    builder: 'podman',
    ignoreFile: null,
    ignoreFileToCreate: path.join(ROOT, '.containerignore'),
    ignore: null,
    scan: null,
    provenance: 'test',
    sites,
  };
  const ctx = dockerfileCtx([info], {}, file);
  // Some cases name a Dockerfile the fixture does not hold: any image text will do for those.
  return runRule(duplicateImageBuild, { ...ctx, text: text ?? (fs.existsSync(file) ? ctx.text : 'FROM alpine\n') });
}

const site = (file: string, line: number, extra: Partial<BuildSite> = {}): BuildSite => ({
  file: path.join(ROOT, file),
  line,
  tool: 'docker',
  dockerfile: path.join(ROOT, 'docker/x.Dockerfile'),
  contextDir: ROOT,
  noCache: false,
  ...extra,
});

test('a Makefile building the same image twice is named with both lines', () => {
  const [f, ...rest] = check('docker/aianalysis.Dockerfile');
  assert.equal(rest.length, 0);
  assert.equal(f?.ruleId, 'duplicate-image-build');
  assert.equal(f?.severity, 'warning');
  assert.equal(f?.message, 'This image is built more than once: Makefile builds it 2 times (Makefile:2, Makefile:6).');
});

test('a --no-cache rebuild in another script after the Makefile built it', () => {
  const [f] = check('docker/gateway.Dockerfile');
  assert.equal(
    f?.message,
    'This image is built more than once: deploy/deploy.sh:3 rebuilds it with --no-cache although Makefile:3 already builds it.',
  );
});

test('reported on the whole first line of the Dockerfile, with no fix to apply', () => {
  const [f] = check('docker/gateway.Dockerfile');
  const first = fs.readFileSync(path.join(ROOT, 'docker/gateway.Dockerfile'), 'utf8').split('\n')[0] as string;
  assert.deepEqual(f?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: first.length } });
  assert.deepEqual(f?.fixes, []);
});

test('different --target stages of one Dockerfile are different images', () => {
  assert.deepEqual(check('docker/stages.Dockerfile'), []);
});

test('quiet with one site, with sites of other Dockerfiles, or without sites at all', () => {
  assert.deepEqual(check('docker/x.Dockerfile', [site('Makefile', 1)]), []);
  assert.deepEqual(
    check('docker/x.Dockerfile', [
      site('Makefile', 1, { dockerfile: path.join(ROOT, 'docker/y.Dockerfile') }),
      site('Makefile', 2),
    ]),
    [],
  );
  assert.deepEqual(check('docker/x.Dockerfile', []), []);
});

test('two files that each build once, without --no-cache, are not a duplicate', () => {
  assert.deepEqual(
    check('docker/x.Dockerfile', [site('compose.yaml', 3, { tool: 'compose' }), site('Makefile', 9)]),
    [],
  );
});

test('different contexts, platforms or build args make different images', () => {
  assert.deepEqual(
    check('docker/x.Dockerfile', [site('Makefile', 1), site('Makefile', 2, { contextDir: path.join(ROOT, 'docker') })]),
    [],
  );
  assert.deepEqual(
    check('docker/x.Dockerfile', [
      site('Makefile', 1, { platform: 'linux/amd64' }),
      site('Makefile', 2, { platform: 'linux/arm64' }),
    ]),
    [],
  );
  assert.deepEqual(
    check('docker/x.Dockerfile', [
      site('Makefile', 1, { buildArgs: ['SVC=a'] }),
      site('Makefile', 2, { buildArgs: ['SVC=b'] }),
    ]),
    [],
  );
});

test('both problems at once, and a site listed twice counts once', () => {
  const sites = [
    site('Makefile', 1),
    site('Makefile', 1),
    site('Makefile', 4),
    site('ci/deploy.sh', 7, { noCache: true }),
  ];
  const [f] = check('docker/x.Dockerfile', sites, 'FROM alpine\n');
  assert.equal(
    f?.message,
    'This image is built more than once: Makefile builds it 2 times (Makefile:1, Makefile:4); ci/deploy.sh:7 rebuilds it with --no-cache although Makefile:1, Makefile:4 already build it.',
  );
});

test("registered, and the check project hands discovery's sites to it", () => {
  assert.ok(ALL_RULES.includes(duplicateImageBuild));
  const { findings } = new CheckedTree({ root: ROOT, settings: DEFAULT_SETTINGS, fs: diskAccess }).check();
  const mine = findings.filter((f) => f.ruleId === 'duplicate-image-build').map((f) => path.relative(ROOT, f.file));
  assert.deepEqual(mine, ['docker/aianalysis.Dockerfile', 'docker/gateway.Dockerfile']);
});

test('alternative Make targets and separate CI jobs never run together: not duplicates (issue 14)', () => {
  // kratos: `quickstart-dev` and `docker` each build the image; no target runs both.
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'buildctx-dup-'));
  try {
    fs.mkdirSync(path.join(dir, '.github/workflows'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine\n');
    fs.writeFileSync(
      path.join(dir, 'Makefile'),
      '.PHONY: run-tests run-tests-minimal\nrun-tests: deps\n\tdocker build -t t .\n\n' +
        'run-tests-minimal:\n\tdocker build -t t .\n\ndeps:\n\tgo mod download\n',
    );
    fs.writeFileSync(
      path.join(dir, '.github/workflows/ci.yml'),
      'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: docker build -t t .\n' +
        '  b:\n    runs-on: x\n    steps:\n      - run: docker build -t t .\n',
    );
    const found = new CheckedTree({
      root: dir,
      settings: DEFAULT_SETTINGS,
      fs: diskAccess,
      rules: [duplicateImageBuild],
    }).check().findings;
    assert.deepEqual(found, []);
    fs.appendFileSync(path.join(dir, 'Makefile'), '\nall: run-tests run-tests-minimal\n');
    const again = new CheckedTree({
      root: dir,
      settings: DEFAULT_SETTINGS,
      fs: diskAccess,
      rules: [duplicateImageBuild],
    }).check().findings;
    assert.match(again[0]!.message, /Makefile builds it 2 times \(Makefile:3, Makefile:6\)/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('jobs of a file GitLab CI includes are separate runs too (issue 15)', () => {
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'buildctx-dup-'));
  try {
    fs.mkdirSync(path.join(dir, 'ci'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine\n');
    fs.writeFileSync(path.join(dir, '.gitlab-ci.yml'), 'include:\n  - local: ci/jobs.yml\n');
    fs.writeFileSync(
      path.join(dir, 'ci/jobs.yml'),
      'a:\n  script:\n    - docker build -t t .\nb:\n  script:\n    - docker build -t t .\n',
    );
    const found = new CheckedTree({
      root: dir,
      settings: DEFAULT_SETTINGS,
      fs: diskAccess,
      rules: [duplicateImageBuild],
    });
    assert.deepEqual(found.check().findings, []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('compose services sharing one image: name are one image, built once (loki dev compose, issue 14)', () => {
  const shared = [3, 12, 21].map((line) => site('compose.yaml', line, { tool: 'compose', tag: 'loki' }));
  assert.deepEqual(check('docker/x.Dockerfile', shared), []);
  const distinct = [
    site('compose.yaml', 3, { tool: 'compose', tag: 'a' }),
    site('compose.yaml', 9, { tool: 'compose' }),
  ];
  assert.equal(check('docker/x.Dockerfile', distinct).length, 1, 'two services building the same image, unnamed');
});

test("Tilt builds of one Dockerfile with different only= filters send different files: not one image (argo-cd's Tiltfile)", () => {
  const tilt = (line: number, filter?: string): BuildSite =>
    site('Tiltfile', line, { tool: 'tilt', ...(filter ? { contextFilter: filter } : {}) });
  assert.deepEqual(check('docker/x.Dockerfile', [tilt(67, "only=['.tilt-bin', 'hack']"), tilt(96)]), []);
  assert.equal(check('docker/x.Dockerfile', [tilt(67), tilt(96)]).length, 1, 'the same build twice still is');
});

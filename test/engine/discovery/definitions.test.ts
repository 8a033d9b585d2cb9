// Build definitions that are not commands (issue 15): skaffold artifacts, dev containers,
// GitLab CI jobs (docker and kaniko), OpenShift BuildConfigs and Tekton params. Each repository
// is written for its test; paths in expectations are relative to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { affectsDiscovery, discoverContexts, type DiscoveryResult } from '../../../server/src/engine/discovery';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/types';
import { tempRepo } from './helpers';

const discover = (root: string): DiscoveryResult => discoverContexts(root, { settings: DEFAULT_SETTINGS });

/** `[context, source, provenance]` of each candidate of `dockerfile`. */
function contexts(root: string, r: DiscoveryResult, dockerfile: string): string[][] {
  return (r.candidates.get(path.join(root, dockerfile)) ?? []).map((c) => [
    path.relative(root, c.contextDir) || '.',
    c.source,
    c.provenance,
  ]);
}

function repo(t: { after: (fn: () => void) => void }, files: Record<string, string>): string {
  const root = tempRepo(files);
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  return root;
}

test('skaffold: artifacts of every document and profile, context from the file, dockerfile from the context', (t) => {
  const root = repo(t, {
    'skaffold.yaml': [
      'apiVersion: skaffold/v4beta6',
      'kind: Config',
      'build:',
      '  artifacts:',
      '    - image: api',
      '      context: services/api',
      '      docker:',
      '        dockerfile: build/Dockerfile',
      '    - image: web',
      '    - image: jvm',
      '      context: java',
      '      jib: {}',
      'profiles:',
      '  - name: prod',
      '    build:',
      '      artifacts:',
      '        - image: worker',
      '          context: worker',
      '          docker:',
      '            target: prod',
      '---',
      'apiVersion: skaffold/v4beta6',
      'kind: Config',
      'build:',
      '  artifacts:',
      '    - image: second',
      '      context: second',
      '',
    ].join('\n'),
    'deploy/skaffold.yml':
      'kind: Config\nbuild:\n  artifacts:\n    - image: tools\n      context: ..\n' +
      '      docker:\n        dockerfile: docker/tools.Dockerfile\n',
    'services/api/build/Dockerfile': 'FROM alpine\n',
    Dockerfile: 'FROM alpine\n',
    'java/Dockerfile': 'FROM alpine\n',
    'worker/Dockerfile': 'FROM alpine\n',
    'second/Dockerfile': 'FROM alpine\n',
    'docker/tools.Dockerfile': 'FROM alpine\n',
  });
  const r = discover(root);
  assert.deepEqual(contexts(root, r, 'services/api/build/Dockerfile'), [
    ['services/api', 'definition', 'skaffold.yaml:5'],
  ]);
  assert.deepEqual(contexts(root, r, 'Dockerfile'), [['.', 'definition', 'skaffold.yaml:9']]);
  assert.deepEqual(contexts(root, r, 'worker/Dockerfile'), [['worker', 'definition', 'skaffold.yaml:17']]);
  assert.deepEqual(contexts(root, r, 'second/Dockerfile'), [['second', 'definition', 'skaffold.yaml:26']]);
  assert.deepEqual(contexts(root, r, 'docker/tools.Dockerfile'), [['.', 'definition', 'deploy/skaffold.yml:4']]);
  assert.notEqual(contexts(root, r, 'java/Dockerfile')[0]?.[1], 'definition', 'jib builds no Dockerfile');
  const worker = r.sites.find((s) => s.dockerfile === path.join(root, 'worker/Dockerfile'));
  assert.deepEqual([worker?.tool, worker?.tag, worker?.target], ['skaffold', 'worker', 'prod']);
});

test('dev containers: build.dockerfile and build.context from the devcontainer.json folder, JSONC, legacy keys', (t) => {
  const root = repo(t, {
    '.devcontainer/devcontainer.json': [
      '{',
      '  // the dev image',
      '  "name": "dev",',
      '  "build": {',
      '    "dockerfile": "Dockerfile",',
      '    "context": "..", /* the repository */',
      '    "target": "dev",',
      '  },',
      '}',
      '',
    ].join('\n'),
    '.devcontainer/gpu/devcontainer.json':
      '{\n\t"build": {\n\t\t"dockerfile": "../../docker/gpu.Dockerfile",\n\t}\n}\n',
    'tools/.devcontainer.json': '{\n  "dockerFile": "Dockerfile",\n  "context": "${localWorkspaceFolder}/.."\n}\n',
    'img/.devcontainer/devcontainer.json': '{ "image": "mcr.microsoft.com/devcontainers/base" }\n',
    '.devcontainer/Dockerfile': 'FROM alpine\n',
    'docker/gpu.Dockerfile': 'FROM alpine\n',
    'tools/Dockerfile': 'FROM alpine\n',
    'img/Dockerfile': 'FROM alpine\n',
  });
  const r = discover(root);
  assert.deepEqual(contexts(root, r, '.devcontainer/Dockerfile'), [
    ['.', 'definition', '.devcontainer/devcontainer.json:4'],
  ]);
  assert.deepEqual(contexts(root, r, 'docker/gpu.Dockerfile'), [
    ['.devcontainer/gpu', 'definition', '.devcontainer/gpu/devcontainer.json:2'],
  ]);
  assert.deepEqual(contexts(root, r, 'tools/Dockerfile'), [['.', 'definition', 'tools/.devcontainer.json:2']]);
  assert.notEqual(contexts(root, r, 'img/Dockerfile')[0]?.[1], 'definition', 'an image is not built');
  const dev = r.sites.find((s) => s.dockerfile === path.join(root, '.devcontainer/Dockerfile'));
  assert.deepEqual([dev?.tool, dev?.target], ['devcontainer', 'dev']);
});

test('GitLab CI: docker/podman and kaniko in before_script/script, variables, extends, local includes', (t) => {
  const root = repo(t, {
    '.gitlab-ci.yml': [
      'include:',
      '  - local: ci/images.yml',
      "  - '/ci/more.yml'",
      'variables:',
      '  SUB: services/api',
      '.kaniko:',
      '  script:',
      '    - /kaniko/executor --context "${CI_PROJECT_DIR}/${SUB}" --dockerfile "${CI_PROJECT_DIR}/${SUB}/Dockerfile"',
      'api:',
      '  extends: .kaniko',
      'web:',
      '  variables:',
      '    WEB_DIR: web',
      '  before_script:',
      '    - cd $WEB_DIR',
      '  script:',
      '    - docker build -t web -f Dockerfile.web .',
      '',
    ].join('\n'),
    'ci/images.yml': [
      'worker:',
      '  image: gcr.io/kaniko-project/executor:debug',
      '  variables:',
      '    CTX: dir://$CI_PROJECT_DIR/worker',
      '  script:',
      '    - >-',
      '      /kaniko/executor --context $CTX',
      '      --dockerfile build/Dockerfile',
      'podman-job:',
      '  script:',
      '    - |',
      '      echo building',
      '      podman build -f tools/Containerfile tools',
      '',
    ].join('\n'),
    'ci/more.yml': [
      'more:',
      '  script: docker build -f more/Dockerfile more',
      'ref:',
      '  variables:',
      '    SUB: refd',
      '  script:',
      '    - !reference [.kaniko, script]',
      '',
    ].join('\n'),
    'refd/Dockerfile': 'FROM alpine\n',
    'services/api/Dockerfile': 'FROM alpine\n',
    'web/Dockerfile.web': 'FROM alpine\n',
    'worker/build/Dockerfile': 'FROM alpine\n',
    'tools/Containerfile': 'FROM alpine\n',
    'more/Dockerfile': 'FROM alpine\n',
  });
  const r = discover(root);
  assert.deepEqual(contexts(root, r, 'services/api/Dockerfile'), [['services/api', 'ci', '.gitlab-ci.yml:8']]);
  assert.deepEqual(contexts(root, r, 'web/Dockerfile.web'), [['web', 'ci', '.gitlab-ci.yml:17']]);
  assert.deepEqual(contexts(root, r, 'worker/build/Dockerfile'), [['worker', 'ci', 'ci/images.yml:7']]);
  assert.deepEqual(contexts(root, r, 'tools/Containerfile'), [['tools', 'ci', 'ci/images.yml:13']]);
  assert.deepEqual(contexts(root, r, 'more/Dockerfile'), [['more', 'ci', 'ci/more.yml:2']]);
  assert.deepEqual(contexts(root, r, 'refd/Dockerfile'), [['refd', 'ci', '.gitlab-ci.yml:8']], '!reference');
  assert.deepEqual(
    r.sites.map((s) => `${path.relative(root, s.file)}:${s.line} ${s.tool}`),
    [
      '.gitlab-ci.yml:8 kaniko',
      '.gitlab-ci.yml:8 kaniko',
      '.gitlab-ci.yml:17 docker',
      'ci/images.yml:7 kaniko',
      'ci/images.yml:13 podman',
      'ci/more.yml:2 docker',
    ],
  );
});

test('OpenShift BuildConfigs (also in a Template) and Tekton params given as values', (t) => {
  const root = repo(t, {
    'openshift/template.yaml': [
      'apiVersion: template.openshift.io/v1',
      'kind: Template',
      'parameters:',
      '  - name: CONTEXT_DIR',
      '    value: services/billing',
      'objects:',
      '  - apiVersion: build.openshift.io/v1',
      '    kind: BuildConfig',
      '    spec:',
      '      source:',
      '        git:',
      '          uri: https://example.invalid/repo.git',
      '        contextDir: ${CONTEXT_DIR}',
      '      strategy:',
      '        type: Docker',
      '        dockerStrategy:',
      '          dockerfilePath: docker/Dockerfile',
      '',
    ].join('\n'),
    'deploy/all.yml':
      'kind: ConfigMap\ndata: {}\n---\nkind: BuildConfig\napiVersion: build.openshift.io/v1\n' +
      'spec:\n  source:\n    contextDir: legacy\n  strategy:\n    dockerStrategy: {}\n',
    '.tekton/push.yaml': [
      'apiVersion: tekton.dev/v1',
      'kind: PipelineRun',
      'spec:',
      '  params:',
      '    - name: git-url',
      "      value: '{{source_url}}'",
      '    - name: dockerfile',
      '      value: Containerfile',
      '    - name: path-context',
      '      value: app',
      '  pipelineSpec:',
      '    params:',
      '      - name: dockerfile',
      '        default: Dockerfile',
      '      - name: path-context',
      '        default: .',
      '    tasks:',
      '      - name: build-container',
      '        taskRef:',
      '          name: buildah',
      '        params:',
      '          - name: DOCKERFILE',
      '            value: $(params.dockerfile)',
      '          - name: CONTEXT',
      '            value: $(params.path-context)',
      '',
    ].join('\n'),
    'tekton/pipeline.yml': [
      'apiVersion: tekton.dev/v1beta1',
      'kind: Pipeline',
      'spec:',
      '  tasks:',
      '    - name: kaniko',
      '      taskRef:',
      '        name: kaniko',
      '      params:',
      '        - name: DOCKERFILE',
      '          value: ./docker/api.Dockerfile',
      '        - name: CONTEXT',
      '          value: ./',
      '',
    ].join('\n'),
    'services/billing/docker/Dockerfile': 'FROM alpine\n',
    'legacy/Dockerfile': 'FROM alpine\n',
    'app/Containerfile': 'FROM alpine\n',
    Dockerfile: 'FROM alpine\n',
    'docker/api.Dockerfile': 'FROM alpine\n',
  });
  const r = discover(root);
  assert.deepEqual(contexts(root, r, 'services/billing/docker/Dockerfile'), [
    ['services/billing', 'definition', 'openshift/template.yaml:7'],
  ]);
  assert.deepEqual(contexts(root, r, 'legacy/Dockerfile'), [['legacy', 'definition', 'deploy/all.yml:4']]);
  assert.deepEqual(contexts(root, r, 'app/Containerfile'), [['app', 'definition', '.tekton/push.yaml:7']]);
  assert.deepEqual(contexts(root, r, 'docker/api.Dockerfile'), [['.', 'definition', 'tekton/pipeline.yml:9']]);
  assert.notEqual(contexts(root, r, 'Dockerfile')[0]?.[1], 'definition', 'defaults the run overrides build nothing');
  assert.deepEqual(
    r.sites.map((s) => `${path.relative(root, s.file)}:${s.line} ${s.tool} ${s.builder}`),
    [
      '.tekton/push.yaml:7 tekton podman',
      'deploy/all.yml:4 openshift podman',
      'openshift/template.yaml:7 openshift podman',
      'tekton/pipeline.yml:9 tekton undefined',
    ],
  );
});

test('affectsDiscovery: build definitions and the YAML files that may hold one', () => {
  const files = [
    '/repo/skaffold.yaml',
    '/repo/sub/skaffold.yml',
    '/repo/.devcontainer/devcontainer.json',
    '/repo/.devcontainer/gpu/devcontainer.json',
    '/repo/.devcontainer.json',
    '/repo/.gitlab-ci.yml',
    '/repo/ci/images.yml',
    '/repo/openshift/template.yaml',
    '/repo/.tekton/push.yaml',
  ];
  for (const f of files) assert.ok(affectsDiscovery(f, '/repo'), f);
  for (const f of ['/repo/.github/dependabot.yml', '/repo/README.md']) assert.ok(!affectsDiscovery(f, '/repo'), f);
});

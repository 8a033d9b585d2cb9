// Build commands in shell text: variables from earlier assignments, defaults, the working
// directory after `cd`, wrappers around the command, continuation lines and line numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanShell, unresolvedMarker, type Arg, type ShellCall } from '../../../server/src/engine/discovery/shellWords';

const scan = (src: string, opts = {}): ShellCall[] => {
  const calls = scanShell(src, opts);
  assert.ok(calls, 'parses');
  return calls;
};
const argsOf = (src: string, opts = {}): Arg[][] => scan(src, opts).map((c) => c.args);

test('variables resolve from earlier assignments, quoted or not, exported or local', () => {
  assert.deepEqual(argsOf('DF=docker/a.Dockerfile\ndocker build -f "$DF" .\n'), [
    ['docker', 'build', '-f', 'docker/a.Dockerfile', '.'],
  ]);
  assert.deepEqual(argsOf('export DIR="docker"\nlocal N=app\ndocker build -f ${DIR}/${N}.Dockerfile .'), [
    ['docker', 'build', '-f', 'docker/app.Dockerfile', '.'],
  ]);
  assert.deepEqual(
    argsOf('A=\'x y\'\nB="$A/z"\nA=changed\ndocker build -f "$B" .'),
    [['docker', 'build', '-f', 'x y/z', '.']],
    'B keeps the value A had when B was assigned',
  );
});

test('defaults: ${X:-d} replaces unset and empty, ${X-d} only unset', () => {
  assert.deepEqual(argsOf('podman build -f ${DF:-Containerfile} .')[0]?.[3], 'Containerfile');
  assert.deepEqual(argsOf('DF=\npodman build -f ${DF:-Containerfile} .')[0]?.[3], 'Containerfile');
  assert.deepEqual(argsOf('DF=\npodman build -f "${DF-Containerfile}" .')[0]?.[3], '');
  assert.deepEqual(argsOf('ENGINE="${ENGINE:-podman}"\n"$ENGINE" build .')[0]?.[0], 'podman');
});

test('unknown values stay unknown: parameters, loops, read, command substitution, other expansions', () => {
  const unknown = (src: string, name: string): void => {
    const arg = argsOf(src).find((a) => a[0] === 'docker')?.[3];
    assert.equal(typeof arg === 'object' ? arg.unresolved : arg, name, src);
  };
  unknown('docker build -f "$1" .', '1');
  unknown('for svc in a b; do\n  docker build -f "docker/$svc.Dockerfile" .\ndone', 'svc');
  unknown('while read -r f; do docker build -f "$f" .; done < list', 'f');
  unknown('svc=x\nfor svc in a b; do docker build -f "docker/$svc.Dockerfile" .; done', 'svc');
  unknown('f=x\nwhile read -r f; do docker build -f "$f" .; done < list', 'f');
  unknown('docker build -f $(ls *.Dockerfile) .', '');
  unknown('docker build -f ${DF%.x} .', 'DF');
  unknown(`docker build -f ${unresolvedMarker('MAKEVAR')} .`, 'MAKEVAR');
  assert.deepEqual(
    argsOf('docker build -f "cmd/$1/Dockerfile" .')[0]?.[3],
    { unresolved: '1', template: `cmd/${unresolvedMarker('1')}/Dockerfile` },
    'the rest of the word is kept, for a value learnt later',
  );
});

test('the working directory follows cd, including cd "$(dirname "$0")/.."', () => {
  assert.equal(scan('docker build .')[0]?.cwd, undefined, 'never changed: the caller decides');
  assert.equal(scan('cd /srv/app\ndocker build .')[0]?.cwd, '/srv/app');
  assert.equal(scan('cd "$(dirname "$0")/.."\ndocker build .', { scriptDir: '/repo/scripts' })[0]?.cwd, '/repo');
  assert.equal(
    scan('cd "$(dirname "${BASH_SOURCE[0]}")"\ndocker build .', { scriptDir: '/repo/hack' })[0]?.cwd,
    '/repo/hack',
  );
  assert.equal(scan('cd sub && docker build .', { cwd: '/repo' })[0]?.cwd, '/repo/sub');
  assert.equal(
    scan('cd "$SOMEWHERE"\ndocker build .', { cwd: '/repo' })[0]?.cwd,
    null,
    'unknown after an unresolvable cd',
  );
});

test('commands inside if/while, after sudo or VAR= prefixes, across continuation lines', () => {
  assert.deepEqual(argsOf('if docker build -t x .; then\n  echo ok\nfi')[0], ['docker', 'build', '-t', 'x', '.']);
  const [c] = scan('echo start\nDOCKER_BUILDKIT=0 sudo docker build \\\n  -f a/Dockerfile \\\n  .\n');
  assert.deepEqual(c?.args, ['sudo', 'docker', 'build', '-f', 'a/Dockerfile', '.']);
  assert.equal(c?.line, 2);
  assert.equal(c?.env.get('DOCKER_BUILDKIT'), '0');
  assert.equal(scan('export DOCKER_BUILDKIT=1\ndocker build .')[0]?.env.get('DOCKER_BUILDKIT'), '1');
});

test('line numbers of every build command; lines without one are not parsed as commands', () => {
  const calls = scan(
    '#!/bin/sh\nset -e\necho "build $X" ]; true\n\ndocker build -f a .\n# docker build -f commented .\npodman build -f "b" .\n',
  );
  assert.deepEqual(
    calls.map((c) => [c.line, c.args[0]]),
    [
      [5, 'docker'],
      [7, 'podman'],
    ],
  );
});

test('text that is not shell yields null instead of throwing', () => {
  assert.equal(scanShell('docker build -f "unterminated .'), null);
  assert.deepEqual(scanShell('plain words, no commands'), []);
});

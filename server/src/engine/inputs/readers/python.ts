// Python: requirement files and project metadata pip, Poetry, uv and setuptools read, and the
// readme a pyproject names (a build backend fails without it).
import type { Ecosystem } from './ecosystem';

const META = new Set(['pyproject.toml', 'setup.py', 'setup.cfg', 'Pipfile', 'Pipfile.lock', 'poetry.lock', 'uv.lock']);

export const python: Ecosystem = {
  name: 'Python',
  marker: (n) => META.has(n) || /^requirements.*\.(txt|in)$/.test(n),
  manifests: [
    [(n) => META.has(n) || n === 'MANIFEST.in', 'the Python build reads the project metadata'],
    [(n) => /^requirements.*\.(txt|in)$/.test(n), 'pip installs from it'],
  ],
  tools: /^(pip3?|python[\d.]*|poetry|uv|pipenv|pdm|hatch)\b/,
  regenerated: [
    ['.venv', 'Python virtualenv: the install step creates its own'],
    ['venv', 'Python virtualenv: the install step creates its own'],
  ],
  named: (project, read) => {
    const text = read(`${project ? `${project}/` : ''}pyproject.toml`) ?? '';
    const readme = /^\s*readme\s*=\s*"([^"]+)"/m.exec(text)?.[1];
    return readme ? [[readme, 'pyproject.toml names it as the readme: the build backend reads it']] : [];
  },
};

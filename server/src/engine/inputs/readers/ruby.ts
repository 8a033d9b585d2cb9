// Ruby: Bundler's Gemfile, lock and gemspecs.
import type { Ecosystem } from './ecosystem';

export const ruby: Ecosystem = {
  name: 'Ruby',
  marker: (n) => n === 'Gemfile' || n.endsWith('.gemspec'),
  manifests: [
    [(n) => n === 'Gemfile' || n === 'Gemfile.lock' || n.endsWith('.gemspec'), 'Bundler installs from it', true],
    [(n) => n === '.ruby-version', 'the Ruby version is read from it'],
  ],
  tools: /^(bundle|bundler|gem|rake|rails|ruby)\b/,
  compiled: [['.bundle', 'Bundler reads its configuration']],
};

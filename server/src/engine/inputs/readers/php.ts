// PHP: Composer's manifest and lock. PHP is interpreted, so the application's own files are
// read when the image runs; those are kept by the model's "shipped" rule, not listed here.
import type { Ecosystem } from './ecosystem';

export const php: Ecosystem = {
  name: 'PHP',
  marker: (n) => n === 'composer.json',
  manifests: [
    [(n) => n === 'composer.json' || n === 'composer.lock', 'Composer installs from it', true],
    [(n) => n === 'auth.json', 'Composer reads its credentials'],
  ],
  tools: /^(composer|php)\b/,
  regenerated: [['vendor', 'Composer dependencies: `composer install` recreates vendor/']],
};

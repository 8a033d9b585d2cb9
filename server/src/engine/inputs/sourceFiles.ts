// Which files a step or a running program may read when the model cannot say more: source code,
// configuration, templates, env files and the assets an app serves, by extension or well-known
// name. Logs, archives, binaries and caches are not in it.
const EXTENSIONS = new Set(
  (
    'go s c h cc cpp cxx hpp hh m mm swift rs zig ' +
    'js mjs cjs jsx ts mts cts tsx vue svelte astro ' +
    'py pyi pyx pxd rb erb rake php phtml java kt kts scala sc groovy gradle clj cljs edn ' +
    'cs fs fsx vb csproj fsproj sln props targets razor cshtml ' +
    'ex exs erl hrl dart lua pl pm r jl hs elm ml nim cr v ' +
    'sh bash zsh fish ps1 bat cmd awk sed ' +
    'sql graphql gql proto thrift avsc prisma ' +
    'html htm css scss sass less styl twig jinja j2 tmpl tpl gotmpl mustache hbs ejs pug liquid ' +
    'json json5 jsonc yaml yml toml ini cfg conf config properties xml xsd plist env lock mod sum work ' +
    // Assets a web app or a server loads when it runs (a default thumbnail, fonts, icons).
    'png jpg jpeg gif svg webp avif ico bmp woff woff2 ttf otf eot'
  ).split(' '),
);

const NAMES = new Set([
  'Makefile',
  'makefile',
  'GNUmakefile',
  'Procfile',
  'Gemfile',
  'Rakefile',
  'Pipfile',
  'Justfile',
  'justfile',
  'Taskfile',
  'Brewfile',
  'gradlew',
  'mvnw',
]);

export function isSourceOrConfig(name: string): boolean {
  if (NAMES.has(name) || name.startsWith('.env')) return true;
  const dot = name.lastIndexOf('.');
  if (dot < 0) return false;
  return EXTENSIONS.has(name.slice(dot + 1).toLowerCase()) || (dot === 0 && /rc$/.test(name));
}

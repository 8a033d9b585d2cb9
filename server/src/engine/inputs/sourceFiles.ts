// Which files a step or a running program may read when the model cannot say more: source code,
// configuration, templates and env files, by extension or well-known name. Logs, media, archives
// and build output are not in it: no interpreter loads them as code or settings.
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
    'json json5 jsonc yaml yml toml ini cfg conf config properties xml xsd plist env lock mod sum work'
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

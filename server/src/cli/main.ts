// The subcommands that need the big parsers (hcl2-parser for bake files, mvdan-sh for RUN
// scripts). The bundled CLI keeps them in server/out/cliCommands.js, apart from cli.js, so
// `buildctx context` neither reads nor compiles ~11 MB it never runs (main.ts loads this lazily).
export { register as registerCheck } from './check';
export { register as registerContexts } from './contexts';

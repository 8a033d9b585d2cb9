import { Command } from 'commander';

const program = new Command('buildctx').description('See and shrink the Docker build context.');
program.parse();

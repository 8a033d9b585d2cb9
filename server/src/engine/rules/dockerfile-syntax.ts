// dockerfile-syntax: a Dockerfile Docker refuses before any step runs (issue 14): a binary
// file named Dockerfile, no instructions, no FROM, an unknown instruction, `FROM` or
// `COPY`/`ADD` without their arguments. One clear error, worded as BuildKit words it, instead
// of "no problems" from rules that read what they can.
import { DockerfileParser } from 'dockerfile-ast';
import type { Finding, Range } from '../types';
import type { Rule, RuleContext } from './types';

const ID = 'dockerfile-syntax';
const INSTRUCTIONS = new Set(
  'FROM RUN CMD LABEL MAINTAINER EXPOSE ENV ADD COPY ENTRYPOINT VOLUME USER WORKDIR ARG ONBUILD STOPSIGNAL HEALTHCHECK SHELL'.split(
    ' ',
  ),
);

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** What BuildKit says of one instruction, or null when it parses. */
function problem(keyword: string, args: string[], heredoc: boolean): string | null {
  if (!INSTRUCTIONS.has(keyword)) return `unknown instruction: ${keyword}`;
  if (keyword === 'FROM' && args.length !== 1 && args.length !== 3)
    return 'FROM requires either one or three arguments';
  const files = args.filter((a) => !a.startsWith('--'));
  if ((keyword === 'COPY' || keyword === 'ADD') && files.length < 2 && !heredoc)
    return files.length === 1
      ? `${keyword} requires at least two arguments, but only one was provided. Destination could not be determined`
      : `${keyword} requires at least two arguments`;
  return null;
}

function check(ctx: RuleContext): Finding[] {
  if (ctx.kind !== 'dockerfile') return [];
  const fail = (range: Range, why: string): Finding[] => [
    {
      ruleId: ID,
      severity: 'error',
      file: ctx.file,
      range,
      message: `Docker cannot parse this Dockerfile: ${why}, so the build fails.`,
      fixes: [],
    },
  ];
  if (ctx.text.slice(0, 8192).includes('\u0000')) return fail(START, 'it is a binary file, not text');
  const instructions = DockerfileParser.parse(ctx.text).getInstructions();
  if (instructions.length === 0) return fail(START, 'the Dockerfile has no instructions');
  for (const ins of instructions) {
    const keyword = ins.getKeyword().toUpperCase();
    const heredoc = /<<-?["']?\w/.test(ins.getTextContent());
    const why = problem(
      keyword,
      ins.getArguments().map((a) => a.getValue()),
      heredoc,
    );
    if (why) return fail(ins.getRange(), `${why} (line ${ins.getRange().start.line + 1})`);
  }
  if (!instructions.some((i) => i.getKeyword().toUpperCase() === 'FROM'))
    return fail(instructions[0]!.getRange(), 'no build stage: it has no FROM');
  return [];
}

export const dockerfileSyntax: Rule = {
  id: ID,
  appliesTo: 'dockerfile',
  defaultSeverity: 'error',
  description:
    'Docker refuses to parse the Dockerfile: binary, empty, no FROM, an unknown instruction, missing arguments.',
  check,
};

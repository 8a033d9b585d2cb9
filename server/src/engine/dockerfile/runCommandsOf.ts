// The commands each RUN executes, read from the shared Dockerfile model: the rules that look
// inside RUN (go-build-mod-flag, dependency-cache-order) would otherwise parse the whole file
// again with dockerfile-ast on every check, which dominated a 10,000-line file (issue 7).
import type { DockerfileModel, RunInstruction } from './index';
import { docText, shapeCommands, type DocText, type RunCommands, type RunShape } from '../shell/runCommands';

function shapeOf(run: RunInstruction): RunShape {
  const exec =
    run.argv && run.argvRanges && run.argsRange
      ? { words: run.argv.map((value, i) => ({ value, range: run.argvRanges![i]! })), range: run.argsRange }
      : null;
  const heredocs = run.heredocs.flatMap((h) => (h.contentRange ? [h.contentRange] : []));
  return { exec, argsStart: run.argsRange?.start ?? null, end: run.range.end, heredocs };
}

/** A view of the model's text for several `commandsOf` calls (line starts computed once). */
export function modelDoc(model: DockerfileModel): DocText {
  return docText(model.text, model.lineStarts);
}

// The answer depends only on the RUN's own text where it stands: the model's chunk cache hands
// out the same RunInstruction object exactly while both are unchanged (an edit of the RUN, or a
// line added above it, makes a new one), so an edit elsewhere reads no RUN again. 2,000 RUNs
// cost ~20 ms per keystroke otherwise (issue 7).
const known = new WeakMap<RunInstruction, RunCommands>();

/** What shell/runCommands.ts says of this RUN, without a second parse of the file. */
export function commandsOf(model: DockerfileModel, run: RunInstruction, doc?: DocText): RunCommands {
  let out = known.get(run);
  if (!out) known.set(run, (out = shapeCommands(doc ?? modelDoc(model), shapeOf(run), model.escapeChar)));
  return out;
}

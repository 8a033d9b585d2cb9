// Keeping V8's young generation small while the in-memory scan (CLI) builds its tree. Nearly
// every object its walk allocates survives until the scan is used, so a large young generation buys no
// garbage collection work, only resident memory: V8 grows it to 2 x 16 MB semi-spaces under
// such a load, about 30 MB of the CLI's peak on the 198k-file monorepo (158 MB -> 128 MB).
//
// The semi-space size is fixed when an isolate starts, but the growth factor is read each time
// the young generation would grow, so a factor of 1 holds it at its initial 1 MB from then on.
// V8 flags are process-wide (worker isolates share them): this is a tuning, not a guarantee;
// a concurrent scan may restore the default while another still runs. The server's rebuild
// (worker/decode.ts) does not hold it: there it cost half the rebuild in scavenges.
import * as v8 from 'node:v8';

/** V8's default --semi-space-growth-factor. */
const DEFAULT_GROWTH = 2;
let holders = 0;

/** Stops the young generation growing until the returned release function is called. */
function holdYoungGenerationSmall(): () => void {
  if (holders++ === 0) v8.setFlagsFromString('--semi-space-growth-factor=1');
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0) v8.setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH}`);
  };
}

/** Runs `fn` with the young generation held small. */
export function withSmallYoungGeneration<T>(fn: () => T): T {
  const release = holdYoungGenerationSmall();
  try {
    return fn();
  } finally {
    release();
  }
}

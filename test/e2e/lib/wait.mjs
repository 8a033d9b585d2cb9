// Waiting on conditions with a deadline: the suite never sleeps a fixed time (a project rule),
// it polls what the user would see until it holds or the deadline passes.

/** Thrown when a condition never held; carries what was last observed for the report. */
export class WaitTimeout extends Error {}

/**
 * Polls `probe` until it returns a truthy value, which is returned. On timeout throws a
 * WaitTimeout whose message is `what` plus the last observation (`describe(lastValue)`), so a
 * failure says what was expected and what was on screen instead.
 */
export async function waitFor(what, probe, { timeout = 30_000, interval = 200, describe } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (last) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, Math.min(interval, Math.max(0, deadline - Date.now()))));
  }
  const seen = lastError ? `error: ${lastError.message}` : describe ? describe(last) : JSON.stringify(last);
  throw new WaitTimeout(`${what} (not within ${timeout / 1000}s; last seen: ${seen})`);
}

/** Plain assertion with a message that says what the user would have seen. */
export function check(cond, message) {
  if (!cond) throw new Error(message);
}

import type { WriteResult } from '../types';

/**
 * What one batch call settled. `results` holds the inputs HubSpot answered for one by one; when the
 * call as a whole was refused, `refused` says why, and applies to every input not in `results`.
 */
export interface BatchOutcome {
  results: WriteResult[];
  refused?: { message: string; retryable: boolean };
}

/**
 * Writes a batch and, when HubSpot refuses it whole for a bad input (a 4xx names no record), halves it
 * until the bad input stands alone: its 99 neighbours are written, and it alone is rejected with
 * HubSpot's message. One bad record in 100 costs about 2·log2(100) ≈ 14 extra calls. A batch refused for
 * a passing reason (retries exhausted) is not split: splitting would only multiply the calls.
 */
export async function writeSplitting<I>(inputs: readonly I[], keyOf: (input: I) => string, send: (batch: readonly I[]) => Promise<BatchOutcome>): Promise<WriteResult[]> {
  if (inputs.length === 0) return [];
  const outcome = await send(inputs);
  const settled = new Set(outcome.results.map((result) => result.key));
  const rest = inputs.filter((input) => !settled.has(keyOf(input)));
  if (outcome.refused === undefined || rest.length === 0) {
    const missing = rest.map((input): WriteResult => ({ key: keyOf(input), ok: false, error: 'HubSpot gave no answer for this record', retryable: true }));
    return [...outcome.results, ...missing];
  }
  const { message, retryable } = outcome.refused;
  // Some inputs were settled despite the refusal (tasks found to exist after a 409): they may have been its
  // cause, so the rest go again as one batch. It shrinks each time, so this ends.
  if (outcome.results.length > 0) return [...outcome.results, ...(await writeSplitting(rest, keyOf, send))];
  if (retryable || rest.length === 1) {
    return [...outcome.results, ...rest.map((input): WriteResult => ({ key: keyOf(input), ok: false, error: message, retryable }))];
  }
  const half = Math.ceil(rest.length / 2);
  const left = await writeSplitting(rest.slice(0, half), keyOf, send);
  const right = await writeSplitting(rest.slice(half), keyOf, send);
  return [...outcome.results, ...left, ...right];
}

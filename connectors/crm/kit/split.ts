import type { WriteResult } from '../../../src/sync/ports';

/**
 * What one batch call settled. `results` holds the inputs the CRM answered for one by one; when the
 * call as a whole was refused, `refused` says why, and applies to every input not in `results`.
 */
export interface BatchOutcome {
  results: WriteResult[];
  refused?: { message: string; retryable: boolean };
}

export interface SplitOptions<I> {
  /** The CRM's label, for the message of an input its answer did not mention. */
  crm: string;
  keyOf: (input: I) => string;
  send: (batch: readonly I[]) => Promise<BatchOutcome>;
}

/**
 * Writes a batch and, when the CRM refuses it whole for a bad input (a 4xx that names no record), halves
 * it until the bad input stands alone: its neighbours are written, and it alone is rejected with the
 * CRM's message. One bad record in 100 costs about 2·log2(100) ≈ 14 extra calls. A batch refused for a
 * passing reason (retries exhausted) is not split: splitting would only multiply the calls.
 */
export async function writeSplitting<I>(inputs: readonly I[], options: SplitOptions<I>): Promise<WriteResult[]> {
  const { crm, keyOf, send } = options;
  if (inputs.length === 0) return [];
  const outcome = await send(inputs);
  const settled = new Set(outcome.results.map((result) => result.key));
  const rest = inputs.filter((input) => !settled.has(keyOf(input)));
  if (outcome.refused === undefined || rest.length === 0) {
    const missing = rest.map((input): WriteResult => ({ key: keyOf(input), ok: false, error: `${crm} gave no answer for this record`, retryable: true }));
    return [...outcome.results, ...missing];
  }
  const { message, retryable } = outcome.refused;
  // Some inputs were settled despite the refusal (tasks found to exist after a 409): they may have been its
  // cause, so the rest go again as one batch. It shrinks each time, so this ends.
  if (outcome.results.length > 0) return [...outcome.results, ...(await writeSplitting(rest, options))];
  if (retryable || rest.length === 1) {
    return rest.map((input): WriteResult => ({ key: keyOf(input), ok: false, error: message, retryable }));
  }
  const half = Math.ceil(rest.length / 2);
  const left = await writeSplitting(rest.slice(0, half), options);
  const right = await writeSplitting(rest.slice(half), options);
  return [...left, ...right];
}

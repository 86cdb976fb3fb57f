import { isPulseError, type PulseError } from '../../src/errors';

/** The PulseError a promise rejects with; anything else (a resolve, another error) fails the test. */
export async function rejectionOf(promise: Promise<unknown>): Promise<PulseError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!isPulseError(error)) throw new Error(`expected a PulseError, got ${String(error)}`);
  return error;
}

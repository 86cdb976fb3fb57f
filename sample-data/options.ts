/** The options of `pulse sample-data`, their defaults and their validation. */
import { PulseError } from '../src/errors';
import { parseDay, yesterdayUtc } from './dates';

export interface SampleOptions {
  /**
   * How many accounts to generate.
   * @defaultValue 200
   */
  accounts?: number;
  /**
   * Days of history, ending at `asOf` inclusive.
   * @defaultValue 480 (NRR looks back 455 days and, by SIGNALS v1.1, needs history that far back: 480 leaves a margin)
   */
  days?: number;
  /**
   * Seed of every random choice: the same options give byte-identical data.
   * @defaultValue 1
   */
  seed?: number;
  /**
   * The last day of data, `YYYY-MM-DD` (UTC). Archetypes are shaped relative to it.
   * @defaultValue yesterday, UTC
   */
  asOf?: string;
}

export interface ResolvedSampleOptions {
  accounts: number;
  days: number;
  seed: number;
  asOf: string;
}

export const SAMPLE_DEFAULTS = { accounts: 200, days: 480, seed: 1 } as const;

/** The archetypes need 120 days of history to show their shape (a decline, a stop, a new team). */
export const MIN_DAYS = 120;
/** Keeps account ids to a sane width and a run to a bounded size. */
export const MAX_ACCOUNTS = 10_000_000;
export const MAX_DAYS = 3_650;

function positiveInteger(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new PulseError('INPUT_INVALID', `sample-data option --${name} must be an integer from ${min} to ${max}, got ${String(value)}`, {
      place: name,
    });
  }
  return v;
}

/** Fills defaults and validates; `now` is injectable so the default as-of is testable. */
export function resolveSampleOptions(options: SampleOptions = {}, now: Date = new Date()): ResolvedSampleOptions {
  const asOf = options.asOf ?? yesterdayUtc(now);
  if (parseDay(asOf) === null) {
    throw new PulseError('INPUT_INVALID', `sample-data option --as-of must be a calendar day YYYY-MM-DD, got ${JSON.stringify(asOf)}`, {
      place: 'as-of',
    });
  }
  return {
    accounts: positiveInteger('accounts', options.accounts, SAMPLE_DEFAULTS.accounts, 1, MAX_ACCOUNTS),
    days: positiveInteger('days', options.days, SAMPLE_DEFAULTS.days, MIN_DAYS, MAX_DAYS),
    seed: positiveInteger('seed', options.seed, SAMPLE_DEFAULTS.seed, 0, 0xffffffff),
    asOf,
  };
}

/** What every account of one run shares: the options, the day window and its formatted days. */
import { formatDay, parseDay, weekdayOf } from './dates';
import type { ResolvedSampleOptions } from './options';

export interface SampleContext {
  options: ResolvedSampleOptions;
  /** Day number of the as-of day T. */
  asOf: number;
  /** Day number of the first day of data, T − days + 1. */
  first: number;
  days: number;
  /** `YYYY-MM-DD` of window day i (i = 0 is `first`), formatted once per run. */
  dayStrings: readonly string[];
  /** Weekday (0 = Sunday) of window day i. */
  weekdays: Uint8Array;
  /** Width of the zero-padded number in account ids. */
  idWidth: number;
}

export function createContext(options: ResolvedSampleOptions): SampleContext {
  const asOf = parseDay(options.asOf);
  if (asOf === null) throw new RangeError(`invalid as-of ${options.asOf}`);
  const first = asOf - options.days + 1;
  const dayStrings: string[] = [];
  const weekdays = new Uint8Array(options.days);
  for (let i = 0; i < options.days; i++) {
    dayStrings.push(formatDay(first + i));
    weekdays[i] = weekdayOf(first + i);
  }
  return { options, asOf, first, days: options.days, dayStrings, weekdays, idWidth: Math.max(5, String(options.accounts).length) };
}

/** `acct-00001` for index 0: zero-padded so that text order is generation order. */
export function accountId(ctx: SampleContext, index: number): string {
  return `acct-${String(index + 1).padStart(ctx.idWidth, '0')}`;
}

/** Calendar arithmetic on `YYYY-MM-DD` UTC dates, the only date form the playbook engine uses. */
import { PulseError } from '../errors';

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since the epoch; throws INPUT_INVALID on anything but a real calendar date. */
export function toDayNumber(date: string): number {
  const match = DATE.exec(date);
  const ms = match === null ? NaN : Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date.UTC rolls 2024-02-30 over to March; a round trip catches it.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new PulseError('INPUT_INVALID', `expected a date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
  return ms / DAY_MS;
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `to − from` in days. */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

function isWeekday(day: number): boolean {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * `n` business days (Mon–Fri; public holidays are not known here) after `date`. With n = 0: `date`
 * itself if it is a weekday, else the following Monday, so a task is never due on a weekend.
 */
export function addBusinessDays(date: string, n: number): string {
  let day = toDayNumber(date);
  if (n === 0) {
    while (!isWeekday(day)) day += 1;
    return fromDayNumber(day);
  }
  for (let left = n; left > 0; ) {
    day += 1;
    if (isWeekday(day)) left -= 1;
  }
  return fromDayNumber(day);
}

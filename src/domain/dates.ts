/**
 * UTC calendar-day arithmetic on `YYYY-MM-DD` strings. Days are converted to a day number
 * (days since 1970-01-01) with Howard Hinnant's civil-calendar algorithm, so no `Date`, no local
 * time zone and no DST can shift a day.
 */
import { PulseError } from '../errors';

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Valid days already converted: a run meets the same few hundred days for every account, and the
 * regex and calendar checks were a tenth of the signal time. Bounded so odd input cannot grow it.
 */
const dayNumbers = new Map<string, number>();

export function isValidDay(day: string): boolean {
  if (dayNumbers.has(day)) return true;
  const m = DAY_RE.exec(day);
  if (!m) return false;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= daysInMonth(Number(m[1]), month);
}

/** Days since 1970-01-01 (negative before). */
export function toDayNumber(day: string): number {
  const known = dayNumbers.get(day);
  if (known !== undefined) return known;
  const m = DAY_RE.exec(day);
  if (!m || !isValidDay(day)) throw new PulseError('INPUT_INVALID', `not a calendar day: ${JSON.stringify(day)}`);
  const n = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  if (dayNumbers.size < 100_000) dayNumbers.set(day, n);
  return n;
}

export function fromDayNumber(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function addDays(day: string, n: number): string {
  return fromDayNumber(toDayNumber(day) + n);
}

/** `to − from` in days: diffDays('2024-02-28', '2024-03-01') is 2. */
export function diffDays(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** 0 = Sunday .. 6 = Saturday, as the aggregates' `weekday_spend_28d` is indexed. */
export function weekday(day: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(day) + 4) % 7) + 7) % 7;
}

export function monthStart(day: string): string {
  toDayNumber(day);
  return `${day.slice(0, 7)}-01`;
}

export function monthEnd(day: string): string {
  toDayNumber(day);
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 7)}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

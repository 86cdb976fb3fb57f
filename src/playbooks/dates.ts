/** Business days for task due dates, on the shared UTC calendar of src/domain/dates.ts. */
import { fromDayNumber, toDayNumber } from '../domain/dates';

// 1970-01-01 (day 0) was a Thursday: day n falls on weekday (n + 4) mod 7, 0 = Sunday.
function isWeekday(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7;
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

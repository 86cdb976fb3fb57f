/**
 * Five-field cron (minute hour day-of-month month day-of-week), in UTC, as cron and BullMQ's
 * cron-parser read it: `*`, numbers, ranges `a-b`, steps `*\/n` and `a-b/n`, lists `a,b`; day of
 * week 0-7 with 0 and 7 both Sunday; when both day fields are restricted, a day matching either runs.
 * Pure: parsing and the next run time only, no timers.
 */
import { PulseError } from '../errors';

export interface CronSchedule {
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  daysOfWeek: ReadonlySet<number>;
  /** Whether each day field starts with `*` (cron's either-day rule applies only when both are restricted). */
  anyDayOfMonth: boolean;
  anyDayOfWeek: boolean;
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

/** Parses a cron expression; anything else is INPUT_INVALID naming the field, at `place`. */
export function parseCron(expression: string, place = 'schedule'): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  const invalid = (why: string) => new PulseError('INPUT_INVALID', `"${expression}" is not a cron schedule: ${why}`, { place, hint: 'five fields: minute hour day-of-month month day-of-week, e.g. "17 * * * *" (UTC)' });
  if (parts.length !== 5) throw invalid(`expected 5 fields, found ${parts.length}`);
  const sets = parts.map((part, i) => parseField(part, FIELDS[i] as (typeof FIELDS)[number], invalid));
  const [minutes, hours, daysOfMonth, months, weekdays] = sets as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  const daysOfWeek = new Set([...weekdays].map((day) => day % 7));
  const schedule = { minutes, hours, daysOfMonth, months, daysOfWeek, anyDayOfMonth: (parts[2] as string).startsWith('*'), anyDayOfWeek: (parts[4] as string).startsWith('*') };
  // `0 0 30 2 *` parses but never runs: say so now rather than never run.
  if (nextCronRun(schedule, new Date(Date.UTC(2000, 0, 1))) === null) throw invalid('no day ever matches it');
  return schedule;
}

function parseField(text: string, field: (typeof FIELDS)[number], invalid: (why: string) => PulseError): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (match === null) throw invalid(`the ${field.name} field "${text}" is not a number, range, step or list`);
    const [, whole, from, to, step] = match;
    const start = whole === '*' ? field.min : Number(from);
    // `5/15` runs from 5 to the end of the field, as cron reads it.
    const end = whole === '*' || (to === undefined && step !== undefined) ? field.max : Number(to ?? from);
    const by = step === undefined ? 1 : Number(step);
    if (start < field.min || end > field.max || start > end) throw invalid(`the ${field.name} field "${text}" leaves ${field.min}-${field.max}`);
    if (by < 1) throw invalid(`the ${field.name} field "${text}" has a step of 0`);
    for (let value = start; value <= end; value += by) values.add(value);
  }
  return values;
}

function dayMatches(schedule: CronSchedule, day: Date): boolean {
  const byMonth = schedule.daysOfMonth.has(day.getUTCDate());
  const byWeek = schedule.daysOfWeek.has(day.getUTCDay());
  if (schedule.anyDayOfMonth || schedule.anyDayOfWeek) return byMonth && byWeek;
  return byMonth || byWeek;
}

/** Eight years: every Feb 29 schedule runs within them. */
const HORIZON_MS = 8 * 366 * 24 * 60 * 60 * 1000;

/** The first minute strictly after `after` that the schedule runs at, or null if none within eight years. */
export function nextCronRun(schedule: CronSchedule, after: Date): Date | null {
  const t = new Date(Math.floor(after.getTime() / 60_000) * 60_000 + 60_000);
  const limit = after.getTime() + HORIZON_MS;
  while (t.getTime() <= limit) {
    if (!schedule.months.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(schedule, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!schedule.hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
    } else if (!schedule.minutes.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
    } else {
      return t;
    }
  }
  return null;
}

/**
 * UTC day numbers (days since 1970-01-01) for the generator. Day strings are formatted once per
 * window (see context.ts), not once per row, because formatting dominates a naive generator.
 */
const MS_PER_DAY = 86_400_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Null when `day` is not a real calendar day in `YYYY-MM-DD` form (e.g. 2024-02-30). */
export function parseDay(day: string): number | null {
  const m = DAY_RE.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / MS_PER_DAY;
}

export function formatDay(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday .. 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Yesterday, UTC: the default as-of day, the last whole day of data. */
export function yesterdayUtc(now: Date): string {
  return formatDay(Math.floor(now.getTime() / MS_PER_DAY) - 1);
}

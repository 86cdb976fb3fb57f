import { defaultSchedule, minuteOf, nextCronRun, parseCron } from '../../../src/schedule';

const next = (expression: string, after: string) => nextCronRun(parseCron(expression), new Date(after))?.toISOString() ?? null;

describe('parseCron', () => {
  it.each([
    ['0 6 * *', /expected 5 fields, found 4/],
    ['0 6 * * * *', /expected 5 fields, found 6/],
    ['60 * * * *', /the minute field "60" leaves 0-59/],
    ['0 24 * * *', /the hour field "24" leaves 0-23/],
    ['0 0 0 * *', /the day of month field "0" leaves 1-31/],
    ['0 0 * 13 *', /the month field "13" leaves 1-12/],
    ['0 0 * * 8', /the day of week field "8" leaves 0-7/],
    ['*/0 * * * *', /has a step of 0/],
    ['5-1 * * * *', /leaves 0-59/],
    ['0 0 * JAN *', /the month field "JAN" is not a number, range, step or list/],
    ['0 0 30 2 *', /no day ever matches it/],
  ])('refuses %j', (expression, message) => {
    expect(() => parseCron(expression, '--schedule')).toThrow(expect.objectContaining({ code: 'INPUT_INVALID', place: '--schedule', message: expect.stringMatching(message) }));
  });

  it('reads lists, ranges and steps', () => {
    const schedule = parseCron('0,30 9-17/4 1,15 */3 1-5');
    expect([...schedule.minutes]).toEqual([0, 30]);
    expect([...schedule.hours]).toEqual([9, 13, 17]);
    expect([...schedule.daysOfMonth]).toEqual([1, 15]);
    expect([...schedule.months]).toEqual([1, 4, 7, 10]);
    expect([...schedule.daysOfWeek]).toEqual([1, 2, 3, 4, 5]);
    expect([...parseCron('5/20 * * * 7').minutes]).toEqual([5, 25, 45]);
    expect([...parseCron('0 0 * * 7').daysOfWeek]).toEqual([0]);
  });
});

describe('nextCronRun (UTC)', () => {
  it('is strictly after the given time, at a whole minute', () => {
    expect(next('17 * * * *', '2026-11-30T15:59:41.123Z')).toBe('2026-11-30T16:17:00.000Z');
    expect(next('17 * * * *', '2026-11-30T16:17:00.000Z')).toBe('2026-11-30T17:17:00.000Z');
    expect(next('17 * * * *', '2026-11-30T16:16:59.999Z')).toBe('2026-11-30T16:17:00.000Z');
    expect(next('* * * * *', '2026-11-30T16:16:30.000Z')).toBe('2026-11-30T16:17:00.000Z');
  });

  it('crosses days, months and years', () => {
    expect(next('30 5 * * *', '2026-12-31T06:00:00Z')).toBe('2027-01-01T05:30:00.000Z');
    expect(next('0 0 1 * *', '2026-01-31T12:00:00Z')).toBe('2026-02-01T00:00:00.000Z');
    expect(next('0 12 29 2 *', '2026-03-01T00:00:00Z')).toBe('2028-02-29T12:00:00.000Z');
    expect(next('0 0 31 * *', '2026-04-01T00:00:00Z')).toBe('2026-05-31T00:00:00.000Z');
  });

  it('days of week: 0 and 7 are Sunday; with both day fields restricted either one runs, as cron does', () => {
    // 2026-11-30 is a Monday.
    expect(next('0 9 * * 1-5', '2026-11-28T10:00:00Z')).toBe('2026-11-30T09:00:00.000Z');
    expect(next('0 9 * * 7', '2026-11-30T10:00:00Z')).toBe('2026-12-06T09:00:00.000Z');
    expect(next('0 9 15 * 0', '2026-11-30T10:00:00Z')).toBe('2026-12-06T09:00:00.000Z');
    expect(next('0 9 1 * 0', '2026-11-30T10:00:00Z')).toBe('2026-12-01T09:00:00.000Z');
    // A stepped day of month counts as unrestricted (it starts with *): both must match.
    expect(next('0 9 */2 * 1', '2026-11-30T10:00:00Z')).toBe('2026-12-07T09:00:00.000Z');
  });
});

describe('defaultSchedule', () => {
  it('is hourly at a minute that is the same for the same name and spreads over the hour', () => {
    expect(defaultSchedule('acme')).toBe(`${minuteOf('acme')} * * * *`);
    expect(defaultSchedule('acme')).toBe(defaultSchedule('acme'));
    const minutes = new Set(Array.from({ length: 200 }, (_, i) => minuteOf(`tenant-${i}`)));
    expect(minutes.size).toBeGreaterThan(40);
    for (const minute of minutes) expect(minute).toBeGreaterThanOrEqual(0);
    for (const minute of minutes) expect(minute).toBeLessThan(60);
    expect(() => parseCron(defaultSchedule('globex'))).not.toThrow();
  });
});

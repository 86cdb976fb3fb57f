import fc from 'fast-check';
import { addDays, daysInMonth, diffDays, isLeapYear, isValidDay, monthEnd, monthStart, toDayNumber, weekday } from '../../../src/domain/dates';
import { PulseError } from '../../../src/errors';

describe('dates', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(addDays('2024-02-20', -59)).toBe('2023-12-23');
  });

  it('counts days between dates, signed', () => {
    expect(diffDays('2024-02-28', '2024-03-01')).toBe(2);
    expect(diffDays('2023-02-28', '2023-03-01')).toBe(1);
    expect(diffDays('2024-03-01', '2024-02-28')).toBe(-2);
    expect(diffDays('2023-01-01', '2024-01-01')).toBe(365);
    expect(diffDays('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('gives the weekday with 0 = Sunday', () => {
    expect(weekday('2024-02-20')).toBe(2);
    expect(weekday('2024-02-25')).toBe(0);
    expect(weekday('2024-02-29')).toBe(4);
    expect(weekday('1969-12-31')).toBe(3);
  });

  it('knows leap years and month lengths', () => {
    expect([2024, 2023, 1900, 2000].map(isLeapYear)).toEqual([true, false, false, true]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(monthEnd('2024-02-10')).toBe('2024-02-29');
    expect(monthEnd('1900-02-10')).toBe('1900-02-28');
    expect(monthEnd('2024-04-30')).toBe('2024-04-30');
    expect(monthStart('2024-12-31')).toBe('2024-12-01');
  });

  it('rejects days that are not on the calendar', () => {
    expect(isValidDay('2023-02-29')).toBe(false);
    expect(isValidDay('2024-13-01')).toBe(false);
    expect(isValidDay('2024-2-1')).toBe(false);
    expect(() => toDayNumber('2023-02-29')).toThrow(PulseError);
  });

  it('agrees with Date.UTC on every day over four centuries', () => {
    fc.assert(
      fc.property(fc.integer({ min: -80_000, max: 80_000 }), fc.integer({ min: -1000, max: 1000 }), (n, k) => {
        const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
        expect(toDayNumber(iso)).toBe(n);
        expect(addDays(iso, k)).toBe(new Date((n + k) * 86_400_000).toISOString().slice(0, 10));
        expect(weekday(iso)).toBe(new Date(n * 86_400_000).getUTCDay());
      }),
    );
  });
});

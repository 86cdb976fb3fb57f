import { createHash } from 'node:crypto';

/**
 * An installation's schedule when none is given: hourly, at a minute taken from its name, so that
 * installations added together do not all start at the same minute. Stable: the same name always
 * gets the same minute, on every machine.
 */
export function defaultSchedule(name: string): string {
  return `${minuteOf(name)} * * * *`;
}

export function minuteOf(name: string): number {
  return createHash('sha256').update(name, 'utf8').digest().readUInt32BE(0) % 60;
}

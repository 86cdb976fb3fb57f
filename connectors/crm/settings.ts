import { PulseError } from '../../src/errors';

/** What a CRM's setup prints to. */
export interface Output {
  write(text: string): unknown;
}

/** Names every missing environment variable, never a value: the values are secrets. */
export function requireSettings<K extends string>(crm: string, settings: Record<K, string | undefined>): Record<K, string> {
  const present: Partial<Record<K, string>> = {};
  const missing: string[] = [];
  for (const name of Object.keys(settings) as K[]) {
    const value = settings[name];
    if (value === undefined || value === '') missing.push(name);
    else present[name] = value;
  }
  if (missing.length > 0) {
    throw new PulseError('CRM_NOT_CONFIGURED', `${crm} setup needs ${missing.join(' and ')} in the environment`, { place: missing.join(', ') });
  }
  return present as Record<K, string>;
}

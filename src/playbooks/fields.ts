/**
 * What a condition may do with each signal field, derived from the domain's output kinds so a
 * new signal needs no change here: numbers order, dates order as `YYYY-MM-DD` strings, enums
 * only match their own values (so a typo like `declinig` is a load-time error, not a rule that never fires).
 */
import {
  BILL_SHOCK_RISKS, COMMIT_STATUSES, COVERAGES, EXPANSION_SIGNALS, HEALTH_TIERS, ONBOARDING_STATUSES,
  PREDICTABILITIES, SIGNAL_FIELDS, SIGNAL_OUTPUT_KIND, TRENDS,
  type SignalField,
} from '../domain/signals';
import type { ConditionValue } from './types';

export type FieldType = 'number' | 'date' | 'enum' | 'text' | 'boolean';

const ENUM_VALUES: Partial<Record<SignalField, readonly string[]>> = {
  trend: TRENDS,
  predictability: PREDICTABILITIES,
  commit_status: COMMIT_STATUSES,
  bill_shock_risk: BILL_SHOCK_RISKS,
  onboarding: ONBOARDING_STATUSES,
  health_tier: HEALTH_TIERS,
  expansion_signal: EXPANSION_SIGNALS,
  coverage: COVERAGES,
};

const KNOWN_FIELDS: ReadonlySet<string> = new Set(SIGNAL_FIELDS);

/** Own-membership test: `constructor` or `__proto__` are not fields even though every object "has" them. */
export function isSignalField(name: string): name is SignalField {
  return KNOWN_FIELDS.has(name);
}

export function fieldType(field: SignalField): FieldType {
  switch (SIGNAL_OUTPUT_KIND[field]) {
    case 'date':
      return 'date';
    case 'enum':
      return 'enum';
    case 'text':
      return 'text';
    case 'boolean':
      return 'boolean';
    default:
      return 'number';
  }
}

export function enumValues(field: SignalField): readonly string[] {
  return ENUM_VALUES[field] ?? [];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Why `value` cannot be compared with `field`, or null when it can. */
export function valueProblem(field: SignalField, value: ConditionValue): string | null {
  const type = fieldType(field);
  switch (type) {
    case 'number':
      return typeof value === 'number' ? null : `${field} is a number, got ${JSON.stringify(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `${field} is true or false, got ${JSON.stringify(value)}`;
    case 'date':
      return typeof value === 'string' && DATE.test(value) ? null : `${field} is a date YYYY-MM-DD, got ${JSON.stringify(value)}`;
    case 'text':
      return typeof value === 'string' ? null : `${field} is text, got ${JSON.stringify(value)}`;
    case 'enum': {
      const values = enumValues(field);
      return typeof value === 'string' && values.includes(value)
        ? null
        : `${field} takes one of ${values.join(', ')}, got ${JSON.stringify(value)}`;
    }
  }
}

/** Ordering comparisons make sense for numbers and dates only. */
export function isOrdered(field: SignalField): boolean {
  const type = fieldType(field);
  return type === 'number' || type === 'date';
}

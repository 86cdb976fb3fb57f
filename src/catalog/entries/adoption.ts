import { ONBOARDING_STATUSES } from '../../domain/signals';
import type { CatalogEntry } from '../types';
import { fromSignal, optionsOf } from './build';

/** Onboarding, breadth and engagement (SIGNALS.md §5, §6). */
export const ADOPTION_ENTRIES: readonly CatalogEntry[] = [
  {
    key: 'ttfv_days', label: 'Time to first value (days)', type: 'number', decimals: 0,
    object: 'account', source: fromSignal('ttfv_days'),
    description: 'Days from contract start to the first day of meaningful usage. Empty until that day happens; then fixed. Empty too when the contract started before the usage history the warehouse holds.',
  },
  {
    key: 'onboarding', label: 'Onboarding status', type: 'enumeration', options: optionsOf(ONBOARDING_STATUSES),
    object: 'account', source: fromSignal('onboarding'),
    description: 'On track (first value within 14 days), Late (after 14 days), Stalled (no meaningful usage yet, more than 14 days in), Pending (no usage yet, within 14 days). Empty when the contract started before the usage history the warehouse holds.',
  },
  {
    key: 'use_cases_30d', label: 'Use cases (30d)', type: 'number', decimals: 0,
    object: 'account', source: fromSignal('use_cases_30d'),
    description: 'Number of distinct use cases with usage in the last 30 days. Recomputed every sync.',
  },
  {
    key: 'teams_30d', label: 'Teams (30d)', type: 'number', decimals: 0,
    object: 'account', source: fromSignal('teams_30d'),
    description: 'Number of distinct teams with usage in the last 30 days. Recomputed every sync.',
  },
  {
    key: 'stickiness_pct', label: 'Stickiness (DAU/MAU %)', type: 'percent', decimals: 1,
    object: 'account', source: fromSignal('stickiness_pct'),
    description: 'Average daily active users over the last 28 days as a percent of monthly active users. Empty without active-user data.',
  },
  {
    key: 'user_penetration_pct', label: 'User penetration (%)', type: 'percent', decimals: 1,
    object: 'account', source: fromSignal('user_penetration_pct'),
    description: 'Monthly active users as a percent of licensed users. Empty without a licensed-user count.',
  },
];

import { HEALTH_TIERS, PREDICTABILITIES, TRENDS } from '../../domain/signals';
import type { CatalogEntry } from '../types';
import { fromSignal, optionsOf } from './build';

/** Identity, health score and consumption trend (SIGNALS.md §1, §2, §9). */
export const HEALTH_ENTRIES: readonly CatalogEntry[] = [
  {
    key: 'account_id', label: 'Pulse account ID', type: 'text', maxLength: 80, unique: true,
    object: 'account', source: fromSignal('account_id'),
    description: 'The account id in the product warehouse. Consumption Pulse matches records on it: do not edit. Set once, never changes.',
  },
  {
    key: 'health_score', label: 'Health score', type: 'number', decimals: 0,
    object: 'account', source: fromSignal('health_score'),
    description: 'Overall consumption health, 0 to 100 (higher is healthier): weighted trend, commitment pace, predictability, breadth, engagement and value. Empty when nothing can be computed yet. Recomputed every sync.',
  },
  {
    key: 'health_tier', label: 'Health tier', type: 'enumeration', options: optionsOf(HEALTH_TIERS),
    object: 'account', source: fromSignal('health_tier'),
    description: 'Healthy (score 70 or more), Watch (40 to 69) or At risk (below 40). Changes when the health score crosses a boundary.',
  },
  {
    key: 'risk_drivers', label: 'Risk drivers', type: 'text', maxLength: 1000,
    object: 'account', source: fromSignal('risk_drivers'),
    description: 'Up to three parts of the health score scoring below neutral (60), the costliest first, each a plain sentence with its figure. Empty when no part is below neutral. Read it to know why the score is low. Recomputed every sync.',
  },
  {
    key: 'health_score_change_7d', label: 'Health score change 7d', type: 'number', decimals: 0,
    object: 'account', source: { kind: 'history' },
    description: 'Points the health score moved since 7 days before (the score now minus the score then, both as shown): negative when it fell, e.g. -12. Empty when either score is missing or Pulse has no record of that day. Build "dropped 10 points or more this week" workflows on it.',
  },
  {
    key: 'health_change_reason', label: 'Health change reason', type: 'text', maxLength: 255,
    object: 'account', source: { kind: 'history' },
    description: 'The part of the health score that moved it most in the last 7 days, with its figure then and now, e.g. "commitment pace fell from 92% to 61% of commitment". Empty when the score did not change. Read it beside Health score change 7d.',
  },
  {
    key: 'trend', label: 'Consumption trend', type: 'enumeration', options: optionsOf(TRENDS),
    object: 'account', source: fromSignal('trend'),
    description: 'Spend in the last 30 days against the 30 before: Growing (+10% or more), Declining (-10% or less), Stable, Stopped (no spend after some), Inactive (no spend in either), New (under 60 days since contract start).',
  },
  {
    key: 'growth_30d_pct', label: 'Spend growth 30d (%)', type: 'percent', decimals: 1,
    object: 'account', source: fromSignal('growth_30d_pct'),
    description: 'Change in spend, last 30 days against the previous 30, in percent (25 means +25%). Empty when the previous 30 days had no spend. Recomputed every sync.',
  },
  {
    key: 'spend_30d', label: 'Spend last 30 days (USD)', type: 'currency', decimals: 2,
    object: 'account', source: fromSignal('spend_30d'),
    description: 'What the account consumed in the last 30 days, in US dollars. Recomputed every sync.',
  },
  {
    key: 'predictability', label: 'Spend predictability', type: 'enumeration', options: optionsOf(PREDICTABILITIES),
    object: 'account', source: fromSignal('predictability'),
    description: 'How steady weekly spend was over the last 8 weeks: Predictable, Variable or Erratic (large swings, often pre-production use). Empty before 8 weeks of history.',
  },
];

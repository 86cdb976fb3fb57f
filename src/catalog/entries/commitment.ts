import { BILL_SHOCK_RISKS, COMMIT_STATUSES } from '../../domain/signals';
import type { CatalogEntry } from '../types';
import { fromSignal, optionsOf } from './build';

/** Commitment pace and the month's spend forecast (SIGNALS.md §3, §4). Empty without a current commitment. */
export const COMMITMENT_ENTRIES: readonly CatalogEntry[] = [
  {
    key: 'commit_utilization_pct', label: 'Commitment used (%)', type: 'percent', decimals: 1,
    object: 'account', source: fromSignal('commit_utilization_pct'),
    description: 'Share of the current commitment consumed so far, in percent of the whole commitment. Empty without a commitment covering today. Rises every sync.',
  },
  {
    key: 'commit_projected_pct', label: 'Commitment projected (%)', type: 'percent', decimals: 1,
    object: 'account', source: fromSignal('commit_projected_pct'),
    description: 'Share of the commitment the account will have consumed at period end if it keeps its last-30-day pace, in percent. Above 100 means an overage.',
  },
  {
    key: 'commit_status', label: 'Commitment status', type: 'enumeration',
    options: optionsOf(COMMIT_STATUSES, { under: 'Under-using', on_track: 'On track', over: 'Over-using' }),
    object: 'account', source: fromSignal('commit_status'),
    description: 'From the projected share: Under-using (below 70%, adoption trouble), On track (70 to 90%), Over-using (above 90%, an expansion opportunity). Empty without a commitment.',
  },
  {
    key: 'commit_exhaustion_date', label: 'Commitment exhaustion date', type: 'date',
    object: 'account', source: fromSignal('commit_exhaustion_date'),
    description: 'The day the commitment runs out at the current pace (or ran out). Empty when it will not run out before the period ends.',
  },
  {
    key: 'commit_days_early', label: 'Commitment days early', type: 'number', decimals: 0,
    object: 'account', source: fromSignal('commit_days_early'),
    description: 'Days between the exhaustion date and the end of the commitment period. 30 or more flags an early renewal conversation. Empty without an exhaustion date.',
  },
  {
    key: 'projected_overage_usd', label: 'Projected overage (USD)', type: 'currency', decimals: 2,
    object: 'account', source: fromSignal('projected_overage_usd'),
    description: 'US dollars the account will consume beyond its commitment by period end at the current pace; 0 when within it. Empty without a commitment.',
  },
  {
    key: 'forecast_month_usd', label: 'Forecast month spend (USD)', type: 'currency', decimals: 2,
    object: 'account', source: fromSignal('forecast_month_usd'),
    description: 'Expected spend for the current calendar month in US dollars: month to date plus the usual spend of each remaining weekday. Recomputed every sync.',
  },
  {
    key: 'bill_shock_risk', label: 'Bill-shock risk', type: 'enumeration', options: optionsOf(BILL_SHOCK_RISKS),
    object: 'account', source: fromSignal('bill_shock_risk'),
    description: 'Whether this month\'s bill will surprise the customer: High (forecast above budget, or 1.5x last month without a budget), Elevated (above 90% of budget, or 1.25x last month), Low. Empty without a budget and last month\'s spend.',
  },
];

import { COVERAGES, EXPANSION_SIGNALS } from '../../domain/signals';
import type { CatalogEntry } from '../types';
import { fromSignal, optionsOf } from './build';

/** Expansion, retention and coverage motion (SIGNALS.md §10, §11, §12). */
export const EXPANSION_ENTRIES: readonly CatalogEntry[] = [
  {
    key: 'expansion_signal', label: 'Expansion signal', type: 'enumeration', options: optionsOf(EXPANSION_SIGNALS),
    object: 'account', source: fromSignal('expansion_signal'),
    description: 'The strongest reason to talk expansion now, in priority order: commitment exhausting 30+ days early, usage above 90% of commitment, outcomes at 150%+ of target, new use cases, new teams, spend growth of 25%+; None otherwise.',
  },
  {
    key: 'expansion_score', label: 'Expansion score', type: 'number', decimals: 0,
    object: 'account', source: fromSignal('expansion_score'),
    description: 'How many expansion reasons hold at once, weighted, 0 to 100. Use it to rank accounts for expansion outreach.',
  },
  {
    key: 'nrr_pct', label: 'Net revenue retention (%)', type: 'percent', decimals: 1,
    object: 'account', source: fromSignal('nrr_pct'),
    description: 'Spend in the last 90 days as a percent of the same 90 days a year ago. Empty before 15 months of tenure.',
  },
  {
    key: 'arr_usd', label: 'Annualized run rate (USD)', type: 'currency', decimals: 2,
    object: 'account', source: fromSignal('arr_usd'),
    description: 'Last 30 days of spend scaled to a year, in US dollars. Drives the coverage motion.',
  },
  {
    key: 'coverage', label: 'Coverage motion', type: 'enumeration', options: optionsOf(COVERAGES),
    object: 'account', source: fromSignal('coverage'),
    description: 'Who should act on the account, from its annualized run rate: High touch (100,000 USD or more, a CSM), Tech touch (10,000 or more, automated workflows), Product led (below).',
  },
];

import type { CatalogEntry } from '../types';
import { fromSignal } from './build';

/** Value realization and peer benchmark (SIGNALS.md §7, §8). Empty without outcome data. */
export const VALUE_ENTRIES: readonly CatalogEntry[] = [
  {
    key: 'outcomes_30d', label: 'Outcomes (30d)', type: 'number', decimals: 0,
    object: 'account', source: fromSignal('outcomes_30d'),
    description: 'Business outcomes the product delivered in the last 30 days (for example resolutions or qualified leads), all kinds summed.',
  },
  {
    key: 'value_usd_30d', label: 'Value delivered 30d (USD)', type: 'currency', decimals: 2,
    object: 'account', source: fromSignal('value_usd_30d'),
    description: 'Estimated business value of those outcomes in the last 30 days, in US dollars.',
  },
  {
    key: 'roi_multiple', label: 'ROI (value / spend)', type: 'number', decimals: 3,
    object: 'account', source: fromSignal('roi_multiple'),
    description: 'Value delivered divided by spend over the last 30 days: 3 means $3 of value per $1 spent. Below 1 the customer pays more than it gets.',
  },
  {
    key: 'overconsumption', label: 'Overconsumption', type: 'boolean',
    object: 'account', source: fromSignal('overconsumption'),
    description: 'Checked when spend grows much faster than outcomes, or value is below spend: the customer may be paying for waste. Salesforce shows unchecked when outcome data is missing; HubSpot leaves it empty.',
  },
  {
    key: 'value_summary', label: 'Value summary', type: 'text', maxLength: 1000,
    object: 'account', source: fromSignal('value_summary'),
    description: 'What the spend bought, in the customer\'s words, ready to paste into a QBR: outcomes, estimated value and multiple of spend over the last 30 days.',
  },
  {
    key: 'peer_percentile', label: 'Peer percentile', type: 'percent', decimals: 1,
    object: 'account', source: fromSignal('peer_percentile'),
    description: 'Where the account\'s 30-day spend ranks among peers of the same segment and tenure, 0 to 100 (50 is the median). Empty in cohorts under 5 accounts.',
  },
  {
    key: 'peer_range', label: 'Peer spend range', type: 'text', maxLength: 255,
    object: 'account', source: fromSignal('peer_range'),
    description: 'The middle half of peers\' 30-day spend (25th to 75th percentile), in US dollars, to frame the account against its cohort.',
  },
];

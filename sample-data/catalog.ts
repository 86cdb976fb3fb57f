/**
 * The vocabulary of the sample warehouse: use cases with their unit price and the outcome they
 * produce, teams, segments with their sizes, and words for names. Prices are per unit (a token
 * batch, a query, a voice second), so daily units run in the thousands and rounding to whole
 * units never distorts a trend.
 */
export interface UseCase {
  name: string;
  /** USD per unit; cost_usd = round(units × price, 2). */
  price: number;
  outcome: string;
  /** Outcomes per unit, e.g. one resolution per 250 support-agent units. */
  outcomesPerUnit: number;
}

export const USE_CASES: readonly UseCase[] = [
  { name: 'support_agent', price: 0.006, outcome: 'resolution', outcomesPerUnit: 1 / 250 },
  { name: 'search', price: 0.002, outcome: 'qualified_lead', outcomesPerUnit: 1 / 2500 },
  { name: 'summarization', price: 0.004, outcome: 'document_processed', outcomesPerUnit: 1 / 500 },
  { name: 'code_review', price: 0.01, outcome: 'pull_request_reviewed', outcomesPerUnit: 1 / 500 },
  { name: 'voice', price: 0.015, outcome: 'call_resolved', outcomesPerUnit: 1 / 300 },
];

export const TEAMS: readonly string[] = ['support', 'sales', 'engineering', 'operations', 'marketing', 'finance', 'legal'];

export type Segment = 'enterprise' | 'mid_market' | 'smb';

export interface SegmentSpec {
  name: Segment;
  share: number;
  /** Daily spend (USD) at the base level, drawn log-uniformly. */
  dailySpend: readonly [number, number];
  licensedUsers: readonly [number, number];
  useCases: readonly [number, number];
  teamsPerUseCase: readonly [number, number];
  /**
   * ± relative noise of one cell-day; larger accounts are smoother. Small on purpose: a one-cell
   * account's 30-day growth then has a standard deviation ≈ 1.5 points, against a 10-point threshold.
   */
  noise: number;
  /** Weekend level relative to weekdays: every segment works mostly on weekdays. */
  weekend: readonly [number, number];
}

// Spend ranges put enterprise in high_touch (ARR ≥ 100k), mid-market mostly tech_touch and smb
// mostly product_led, so every coverage motion shows up.
export const SEGMENTS: readonly SegmentSpec[] = [
  { name: 'enterprise', share: 0.15, dailySpend: [400, 6000], licensedUsers: [200, 3000], useCases: [2, 4], teamsPerUseCase: [1, 3], noise: 0.06, weekend: [0.25, 0.5] },
  { name: 'mid_market', share: 0.35, dailySpend: [40, 500], licensedUsers: [30, 400], useCases: [1, 3], teamsPerUseCase: [1, 2], noise: 0.08, weekend: [0.3, 0.6] },
  { name: 'smb', share: 0.5, dailySpend: [8, 60], licensedUsers: [3, 40], useCases: [1, 2], teamsPerUseCase: [1, 1], noise: 0.1, weekend: [0.4, 0.7] },
];

/** Weekday shape, Sunday first; the weekend entries are replaced by the account's weekend level. */
export const WEEKDAY_SHAPE: readonly number[] = [0, 1.05, 1.1, 1.1, 1.05, 0.95, 0];

export const INDUSTRIES: readonly string[] = ['software', 'retail', 'financial_services', 'healthcare', 'manufacturing', 'media', 'logistics', 'education', 'telecom', 'insurance'];

export const NAME_FIRST: readonly string[] = ['North', 'Blue', 'Bright', 'Iron', 'Silver', 'Red', 'Green', 'Swift', 'Clear', 'Stone', 'River', 'Summit', 'Harbor', 'Cedar', 'Atlas', 'Nova', 'Pioneer', 'Granite', 'Maple', 'Orbit'];
export const NAME_SECOND: readonly string[] = ['wind', 'field', 'bridge', 'line', 'point', 'gate', 'wave', 'peak', 'path', 'works', 'light', 'stack', 'forge', 'mark', 'rock'];
export const NAME_SUFFIX: readonly string[] = ['Labs', 'Systems', 'Health', 'Logistics', 'Retail', 'Capital', 'Media', 'Software', 'Group', 'Analytics'];

/** CSM mailboxes per segment; a few accounts have no owner. */
export const OWNERS_PER_SEGMENT = 6;

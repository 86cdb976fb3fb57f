/**
 * The warehouse contract of SIGNALS.md as data: the five models, their columns, keys and
 * constraints. Connectors validate rows against it and the sample generator writes it, so the
 * contract is stated once.
 */
export type ColumnType = 'text' | 'date' | 'integer' | 'number';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** A null is allowed. */
  nullable: boolean;
  /** A value below this is rejected (SIGNALS.md: units, cost, counts >= 0; committed > 0). */
  min?: number;
  /** The bound is strict: the value must be greater than `min`. */
  minExclusive?: boolean;
}

export type ModelName = 'accounts' | 'usage_daily' | 'active_users_daily' | 'commitments' | 'outcomes_daily';

export interface ModelSpec {
  name: ModelName;
  required: boolean;
  columns: ColumnSpec[];
  /** Columns that together identify a row; a repeated key is rejected. */
  key: string[];
  /** Date columns that must not lie in the future (after today, UTC). */
  pastDates: string[];
}

const text = (name: string, nullable = false): ColumnSpec => ({ name, type: 'text', nullable });
const date = (name: string, nullable = false): ColumnSpec => ({ name, type: 'date', nullable });
const num = (name: string, opts: Partial<ColumnSpec> = {}): ColumnSpec => ({ name, type: 'number', nullable: false, ...opts });
const int = (name: string, opts: Partial<ColumnSpec> = {}): ColumnSpec => ({ name, type: 'integer', nullable: false, ...opts });

export const MODELS: Record<ModelName, ModelSpec> = {
  accounts: {
    name: 'accounts',
    required: true,
    key: ['account_id'],
    pastDates: [],
    columns: [
      text('account_id'),
      text('name', true),
      text('domain', true),
      text('segment', true),
      text('industry', true),
      date('contract_start'),
      int('licensed_users', { nullable: true, min: 0 }),
      num('monthly_budget_usd', { nullable: true, min: 0 }),
      num('target_daily_units', { nullable: true, min: 0 }),
      num('outcome_target_monthly', { nullable: true, min: 0 }),
      text('owner_email', true),
      text('hubspot_company_id', true),
      text('salesforce_account_id', true),
    ],
  },
  usage_daily: {
    name: 'usage_daily',
    required: true,
    key: ['account_id', 'day', 'use_case', 'team'],
    pastDates: ['day'],
    columns: [text('account_id'), date('day'), text('use_case'), text('team'), num('units', { min: 0 }), num('cost_usd', { min: 0 })],
  },
  active_users_daily: {
    name: 'active_users_daily',
    required: false,
    key: ['account_id', 'day'],
    pastDates: ['day'],
    columns: [text('account_id'), date('day'), int('dau', { min: 0 }), int('mau', { min: 0 })],
  },
  commitments: {
    name: 'commitments',
    required: false,
    key: ['account_id', 'period_start'],
    pastDates: [],
    columns: [text('account_id'), date('period_start'), date('period_end'), num('committed_usd', { min: 0, minExclusive: true })],
  },
  outcomes_daily: {
    name: 'outcomes_daily',
    required: false,
    key: ['account_id', 'day', 'outcome'],
    pastDates: ['day'],
    columns: [text('account_id'), date('day'), text('outcome'), num('count', { min: 0 }), num('value_usd', { min: 0 })],
  },
};

export const MODEL_NAMES = Object.keys(MODELS) as ModelName[];

/** An `accounts` row after validation. Dates are `YYYY-MM-DD` strings (UTC calendar days). */
export interface AccountRow {
  account_id: string;
  name: string | null;
  domain: string | null;
  segment: string | null;
  industry: string | null;
  contract_start: string;
  licensed_users: number | null;
  monthly_budget_usd: number | null;
  target_daily_units: number | null;
  outcome_target_monthly: number | null;
  owner_email: string | null;
  hubspot_company_id: string | null;
  salesforce_account_id: string | null;
}

/** The accounts columns that hold a CRM's own record id; each CRM's description names its column. */
export type CrmIdColumn = 'hubspot_company_id' | 'salesforce_account_id';

export interface UsageDailyRow {
  account_id: string;
  day: string;
  use_case: string;
  team: string;
  units: number;
  cost_usd: number;
}

export interface ActiveUsersDailyRow {
  account_id: string;
  day: string;
  dau: number;
  mau: number;
}

export interface CommitmentRow {
  account_id: string;
  period_start: string;
  period_end: string;
  committed_usd: number;
}

export interface OutcomesDailyRow {
  account_id: string;
  day: string;
  outcome: string;
  count: number;
  value_usd: number;
}

/** A row that broke the contract, kept with its reason for the run report. */
export interface RejectedRow {
  model: ModelName;
  /** The row's key values joined with `|`, or as much of the key as could be read. */
  key: string;
  reason: string;
}

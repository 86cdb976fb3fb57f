import type { CrmValue } from '../../../src/sync/ports';
import type { AccountRow } from '../../../src/domain/contract';
import type { Signals } from '../../../src/domain/signals';
import type { ComputedAccount } from '../../../src/pipeline/compute-signals';
import type { Firing } from '../../../src/playbooks';
import type { ChunkState, StoredFiring } from '../../../src/sync/state';
import { makeSignals } from '../playbooks/make-signals';

export function makeAccount(overrides: Partial<AccountRow> = {}, signals: Partial<Signals> = {}): ComputedAccount {
  const account: AccountRow = {
    account_id: 'acct-1', name: 'Acme', domain: 'acme.example', segment: null, industry: null, contract_start: '2023-01-01',
    licensed_users: 10, monthly_budget_usd: null, target_daily_units: null, outcome_target_monthly: null,
    owner_email: 'csm@vendor.example', hubspot_company_id: null, salesforce_account_id: null, ...overrides,
  };
  return {
    account,
    signals: makeSignals({ account_id: account.account_id, ...signals }),
    nrr: { r0: 0, r1: 0, base: 0, intensity: 0, team_expansion: 0, use_case_expansion: 0 },
    spend_day: 0,
    commitment: null,
  };
}

export function emptyState(overrides: Partial<ChunkState> = {}): ChunkState {
  return { written: new Map(), recordIds: new Map(), history: [], recordedOnAsOf: new Set(), owedTasks: [], owedEvents: [], latestTrigger: new Map(), weekAgo: new Map(), ...overrides };
}

export function writtenState(accountId: string, values: Record<string, CrmValue>): ChunkState['written'] {
  return new Map([[accountId, new Map(Object.entries(values))]]);
}

export function makeFiring(overrides: Partial<Firing> = {}): Firing {
  return {
    key: 'acct-1:consumption_decline:2024-02-20', account_id: 'acct-1', playbook: 'consumption_decline', action: 'trigger',
    coverage: 'tech_touch', fired_on: '2024-02-20', figures: {}, reason: 'trend (declining) in [declining, stopped]', ...overrides,
  };
}

export function makeStored(overrides: Partial<StoredFiring> = {}): StoredFiring {
  return {
    key: 'acct-1:consumption_decline:2024-02-19', account_id: 'acct-1', playbook: 'consumption_decline', action: 'trigger',
    fired_on: '2024-02-19', ordinal: 0, fired_at: '2024-02-20T06:00:00.000Z', reason: 'trend (declining)', record_id: 'co-1', task: null, ...overrides,
  };
}

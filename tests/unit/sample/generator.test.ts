import { MODELS, type ModelName } from '../../../src/domain/contract';
import { generateSample, type SampleAccount } from '../../../sample-data';
import { USE_CASES } from '../../../sample-data/catalog';

const SMALL = { accounts: 40, days: 130, seed: 7, asOf: '2025-03-31' };

function collect(options: Parameters<typeof generateSample>[0]): SampleAccount[] {
  return [...generateSample(options)];
}

const rowsOf = (a: SampleAccount): Record<ModelName, object[]> => ({
  accounts: [a.account],
  usage_daily: a.usage,
  active_users_daily: a.activeUsers,
  commitments: a.commitments,
  outcomes_daily: a.outcomes,
});

describe('sample generator', () => {
  it('gives identical rows for the same options and different rows for another seed', () => {
    const first = collect(SMALL);
    expect(collect(SMALL)).toEqual(first);
    const other = collect({ ...SMALL, seed: 8 });
    expect(other.map((a) => a.usage)).not.toEqual(first.map((a) => a.usage));
    expect(other.map((a) => a.account.account_id)).toEqual(first.map((a) => a.account.account_id));
  });

  it('keeps an account the same whatever the number of accounts after it', () => {
    const few = collect({ ...SMALL, accounts: 5 });
    expect(collect(SMALL).slice(0, 5)).toEqual(few);
  });

  it('yields accounts lazily, one at a time, in account_id order', () => {
    // A million accounts would take minutes and gigabytes if generated up front.
    const iterator = generateSample({ accounts: 1_000_000, days: 450, asOf: '2025-03-31' });
    const ids = [iterator.next(), iterator.next(), iterator.next()].map((r) => (r.done ? null : r.value.account.account_id));
    expect(ids).toEqual(['acct-0000001', 'acct-0000002', 'acct-0000003']);
    const sorted = collect(SMALL).map((a) => a.account.account_id);
    expect([...sorted].sort()).toEqual(sorted);
    expect(sorted[0]).toBe('acct-00001');
  });

  it('writes only rows the warehouse contract accepts', () => {
    const firstDay = '2024-11-22'; // as-of − 129 days
    const accounts = new Set<string>();
    const keys = new Map<ModelName, Set<string>>();
    // Problems are gathered, not asserted one by one: an expect per value would take seconds.
    const problems: string[] = [];
    for (const sample of collect(SMALL)) {
      accounts.add(sample.account.account_id);
      for (const [model, rows] of Object.entries(rowsOf(sample)) as [ModelName, Record<string, unknown>[]][]) {
        const spec = MODELS[model];
        const seen = keys.get(model) ?? new Set<string>();
        keys.set(model, seen);
        for (const row of rows) {
          const key = spec.key.map((k) => String(row[k])).join('|');
          const bad = (why: string): number => problems.push(`${model} ${key}: ${why}`);
          for (const col of spec.columns) {
            const v = row[col.name];
            if (v === null || v === undefined) {
              if (!col.nullable) bad(`${col.name} is null`);
            } else if (col.type === 'text' || col.type === 'date') {
              if (typeof v !== 'string') bad(`${col.name} is not text`);
              else if (col.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(v)) bad(`${col.name} is not a day`);
            } else if (typeof v !== 'number' || !Number.isFinite(v) || (col.type === 'integer' && !Number.isInteger(v))) {
              bad(`${col.name} = ${String(v)} is not a ${col.type}`);
            } else if (col.min !== undefined && (col.minExclusive ? v <= col.min : v < col.min)) {
              bad(`${col.name} = ${v} is below ${col.min}`);
            }
          }
          for (const col of spec.pastDates) {
            const day = row[col] as string;
            if (day < firstDay || day > SMALL.asOf) bad(`${col} ${day} outside ${firstDay}..${SMALL.asOf}`);
          }
          if (seen.has(key)) bad('duplicate key');
          seen.add(key);
          if (!accounts.has(row.account_id as string)) bad('unknown account');
        }
      }
    }
    expect(problems).toEqual([]);
    expect(keys.get('usage_daily')?.size).toBeGreaterThan(1000);
  });

  it('prices usage per use case, rounded to cents, and keeps mau ≥ every dau of its 30 days', () => {
    const prices = new Map(USE_CASES.map((u) => [u.name, u.price]));
    for (const sample of collect(SMALL)) {
      for (const u of sample.usage) expect(u.cost_usd).toBe(Math.round(u.units * (prices.get(u.use_case) ?? NaN) * 100) / 100);
      const users = sample.activeUsers;
      users.forEach((row, i) => {
        const window = users.slice(Math.max(0, i - 29), i + 1).filter((r) => r.day > addDays(row.day, -30));
        expect(row.mau).toBeGreaterThanOrEqual(Math.max(...window.map((r) => r.dau)));
      });
    }
  });

  it('fills the optional account fields for some accounts, in the documented formats', () => {
    const accounts = collect({ accounts: 200, asOf: '2025-03-31' }).map((a) => a.account);
    const share = (f: (a: (typeof accounts)[number]) => boolean): number => accounts.filter(f).length / accounts.length;
    expect(share((a) => a.hubspot_company_id !== null)).toBeGreaterThan(0.7);
    expect(share((a) => a.salesforce_account_id !== null)).toBeGreaterThan(0.7);
    expect(share((a) => a.monthly_budget_usd !== null)).toBeGreaterThan(0.1);
    expect(share((a) => a.target_daily_units !== null)).toBeGreaterThan(0.1);
    expect(share((a) => a.outcome_target_monthly !== null)).toBeGreaterThan(0.1);
    // NRR needs 455 days of tenure: most accounts have it, some are young.
    expect(share((a) => a.contract_start < '2024-01-31')).toBeGreaterThan(0.5);
    expect(share((a) => a.contract_start > '2025-01-31')).toBeGreaterThan(0.03);
    for (const a of accounts) {
      if (a.hubspot_company_id !== null) expect(a.hubspot_company_id).toMatch(/^\d+$/);
      if (a.salesforce_account_id !== null) expect(a.salesforce_account_id).toMatch(/^001[A-Za-z0-9]{15}$/);
    }
    expect(new Set(accounts.map((a) => a.segment))).toEqual(new Set(['enterprise', 'mid_market', 'smb']));
  });
});

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

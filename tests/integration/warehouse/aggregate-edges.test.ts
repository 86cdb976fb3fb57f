import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamAggregates, type AggregateOptions } from '../../../src/warehouse/aggregate';
import type { DuckDbWarehouse } from '../../../connectors/warehouse/duckdb';
import type { Warehouse } from '../../../src/warehouse/port';
import type { AccountAggregates } from '../../../src/domain/aggregates';
import { MODEL_NAMES, type ModelName } from '../../../src/domain/contract';
import { openCsvDirInBothEngines } from '../../support/load-fixture';

/**
 * A hand-made warehouse for the cases the examples do not reach: a meaningful day made of several
 * small rows, a reached commitment with an overlapping older one, an ROI day without usage, a
 * contract starting after T, an account without usage, rows after T, per-segment thresholds.
 */
const ACCOUNTS_HEADER =
  'account_id,name,domain,segment,industry,contract_start,licensed_users,monthly_budget_usd,target_daily_units,outcome_target_monthly,owner_email,hubspot_company_id,salesforce_account_id';
const FILES: Record<ModelName, string[]> = {
  accounts: [
    ACCOUNTS_HEADER,
    'a-small,A,,smb,,2024-01-01,,,100,,,,',
    'b-future,B,,smb,,2024-04-01,,,,,,,',
    'c-idle,C,,,,2023-01-01,,,,,,,',
  ],
  usage_daily: [
    'account_id,day,use_case,team,units,cost_usd',
    // 2024-01-05: 4 + 4 = 8 < 10; 2024-01-06: 6 + 6 = 12 ≥ 10 with no single row ≥ 10.
    'a-small,2024-01-05,chat,support,4,0.5',
    'a-small,2024-01-05,chat,sales,4,0.5',
    'a-small,2024-01-06,chat,support,6,0.5',
    'a-small,2024-01-06,chat,sales,6,0.5',
    'a-small,2024-01-08,chat,support,50,1',
    // Trailing 7 days ending 2024-02-03 (2024-02-02 missing): (400 + 300) / 7 = 100 = target.
    'a-small,2024-02-01,chat,support,400,60',
    'a-small,2024-02-03,chat,support,300,40',
    'a-small,2024-03-11,chat,support,9999,999',
  ],
  active_users_daily: ['account_id,day,dau,mau', 'a-small,2024-03-10,3,9'],
  commitments: [
    'account_id,period_start,period_end,committed_usd',
    'a-small,2024-01-01,2024-12-31,1000',
    'a-small,2024-02-01,2025-01-31,100',
  ],
  outcomes_daily: ['account_id,day,outcome,count,value_usd', 'a-small,2024-02-02,resolution,7,70'],
};

const CTES = (present: Set<ModelName>): string =>
  [
    'm_accounts as (select * from accounts)',
    'm_usage_daily as not materialized (select * from usage_daily)',
    ...(['active_users_daily', 'commitments', 'outcomes_daily'] as const).filter((m) => present.has(m)).map((m) => `m_${m} as (select * from ${m})`),
  ].join(',\n  ');

const options = (present: Set<ModelName>): AggregateOptions => ({
  ctes: CTES(present),
  present,
  asOf: '2024-03-10',
  meaningful: { default: { units_min: 1, target_share: 0.1 }, segments: { smb: { units_min: 5, target_share: 0.1 } } },
  chunkSize: 2,
});

async function collect(wh: Warehouse, opts: AggregateOptions): Promise<AccountAggregates[]> {
  const out: AccountAggregates[] = [];
  for await (const chunk of streamAggregates(wh, opts)) out.push(...chunk);
  return out;
}

describe('streamAggregates edge cases', () => {
  let duck: DuckDbWarehouse;
  let pg: Warehouse;
  const dir = mkdtempSync(join(tmpdir(), 'pulse-agg-'));

  beforeAll(async () => {
    for (const [model, lines] of Object.entries(FILES)) writeFileSync(join(dir, `${model}.csv`), `${lines.join('\n')}\n`);
    ({ duck, pg } = await openCsvDirInBothEngines('aggregate_edges', dir));
  });

  afterAll(async () => {
    await duck?.close();
    await pg?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('computes first days, the commitment and exclusions exactly, alike in both engines', async () => {
    const all = new Set(MODEL_NAMES);
    const got = await collect(duck, options(all));
    expect(await collect(pg, options(all))).toEqual(got);
    // b-future starts after T: not a customer yet as of T.
    expect(got.map((a) => a.account.account_id)).toEqual(['a-small', 'c-idle']);
    const [a, c] = got as [AccountAggregates, AccountAggregates];
    expect(a).toMatchObject({
      first_meaningful_day: '2024-01-06',
      first_target_day: '2024-02-03',
      last_month_spend: 100,
      mtd_spend: 0,
      // The commitment starting 2024-02-01 wins over the older one that also contains T.
      commitment: { period_start: '2024-02-01', committed_usd: 100, consumed_usd: 100, reached_day: '2024-02-03' },
      // From contract_start: cost 3 by 2024-01-08, 63 by 2024-02-01; value 70 on 2024-02-02, a day without usage.
      outcomes: { count_30d: 0, first_roi_day: '2024-02-02' },
      active_users: { dau_sum_28d: 3, mau_at_t: 9 },
    });
    expect(c).toMatchObject({ spend_30d: 0, first_meaningful_day: null, commitment: null, weekly_spend: [0, 0, 0, 0, 0, 0, 0, 0] });
    expect(c.peer).toEqual({ cohort_size: 1, lower: 0, equal: 0, p25: 0, p75: 0 });
  });

  it('leaves the aggregates of absent optional models null', async () => {
    const present = new Set<ModelName>(['accounts', 'usage_daily']);
    for (const wh of [duck, pg]) {
      const [a] = await collect(wh, options(present));
      expect(a).toMatchObject({ commitment: null, outcomes: null, active_users: null, first_meaningful_day: '2024-01-06' });
    }
  });
});

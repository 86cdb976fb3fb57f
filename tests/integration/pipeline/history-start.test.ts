/**
 * SIGNALS.md v1.1 through the whole pipeline: a warehouse whose usage history starts (2023-01-10)
 * after one account's contract and commitment and inside the NRR base window, on DuckDB and on
 * PostgreSQL. The figures that would need usage from before the history are null; the config's
 * `warehouse.history_start` moves the line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Warehouse } from '../../../src/warehouse/port';
import { addDays, diffDays } from '../../../src/domain/dates';
import { computeAllSignals } from '../../../src/pipeline/compute-signals';
import { formatSignals, type FormattedSignals } from '../../../src/signals';
import { openCsvDirInBothEngines } from '../../support/load-fixture';
import { DEFAULT_CONFIG, signalsJson } from '../../support/pipeline';

const AS_OF = '2024-02-20';
const HISTORY = '2023-01-10';

/** One usage row per day from `from` to `to` (a few days past T, which must be ignored). */
function dailyUsage(account: string, from: string, to: string, units: number, cost: number): string[] {
  const rows: string[] = [];
  for (let d = from; diffDays(d, to) >= 0; d = addDays(d, 1)) rows.push(`${account},${d},support_agent,support,${units},${cost}`);
  return rows;
}

function writeWarehouse(dir: string): void {
  const files: Record<string, string[]> = {
    accounts: [
      'account_id,name,domain,segment,industry,contract_start,licensed_users,monthly_budget_usd,target_daily_units,outcome_target_monthly,owner_email,hubspot_company_id,salesforce_account_id',
      // Signed two years before the warehouse's first row: v1 read TTFV 680 days, `late`.
      'a-old,Old Co,old.example,enterprise,software,2021-03-01,,,,,csm@vendor.example,,',
      'b-new,New Co,new.example,enterprise,software,2023-06-01,,,,,csm@vendor.example,,',
    ],
    usage_daily: [
      'account_id,day,use_case,team,units,cost_usd',
      ...dailyUsage('a-old', HISTORY, '2024-02-25', 1000, 100),
      ...dailyUsage('b-new', '2023-06-05', '2024-02-25', 500, 50),
    ],
    active_users_daily: ['account_id,day,dau,mau', `a-old,${AS_OF},10,20`],
    commitments: [
      'account_id,period_start,period_end,committed_usd',
      // Began before the history: consumption to date is unknown.
      'a-old,2023-01-01,2024-12-31,50000',
      'b-new,2023-06-01,2024-05-31,20000',
    ],
    outcomes_daily: ['account_id,day,outcome,count,value_usd', `a-old,${AS_OF},resolution,5,500`],
  };
  for (const [model, lines] of Object.entries(files)) writeFileSync(join(dir, `${model}.csv`), `${lines.join('\n')}\n`);
}

describe('a warehouse whose history starts after some contracts and commitments', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-history-'));
  let duck: Warehouse;
  let pg: Warehouse;
  let fromDuck: FormattedSignals[];
  const byId = (rows: FormattedSignals[], id: string) => rows.find((r) => r.account_id === id) as FormattedSignals;

  beforeAll(async () => {
    writeWarehouse(dir);
    ({ duck, pg } = await openCsvDirInBothEngines('history', dir));
    fromDuck = await signalsJson(duck, AS_OF);
  });

  afterAll(async () => {
    await duck?.close();
    await pg?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('nulls time to value, the commitment figures and NRR of the account that predates the history', () => {
    expect(byId(fromDuck, 'a-old')).toMatchObject({
      ttfv_days: null, onboarding: null, time_to_target_days: null, time_to_roi_days: null,
      consumed_usd: null, commit_utilization_pct: null, commit_projected_pct: null, commit_status: null,
      commit_exhaustion_date: null, commit_days_early: null, projected_overage_usd: null,
      nrr_pct: null, base_retention_pct: null, intensity_expansion_usd: null, team_expansion_usd: null, use_case_expansion_usd: null,
      // What needs only recent usage stands.
      spend_30d: 3000, run_rate_daily: 100, trend: 'stable',
    });
  });

  it('keeps every figure of the account that started inside the history', () => {
    expect(byId(fromDuck, 'b-new')).toMatchObject({ ttfv_days: 4, onboarding: 'on_track', consumed_usd: 13050, commit_utilization_pct: 65.3, commit_status: 'over' });
  });

  it('gives identical JSON through PostgreSQL', async () => {
    expect(await signalsJson(pg, AS_OF)).toEqual(fromDuck);
  });

  it('takes warehouse.history_start from the config: an earlier day brings the v1 figures back', async () => {
    for (const wh of [duck, pg]) {
      const config = { thresholds: DEFAULT_CONFIG.thresholds, warehouse: { historyStart: '2021-01-01' } };
      const { accounts } = await computeAllSignals(wh, config, { asOf: AS_OF, today: '2099-01-01' });
      const old = byId(accounts.map((a) => formatSignals(a.signals)), 'a-old');
      // 2023-01-10 − 2021-03-01; the commitment's consumption from 2023-01-01 counts the rows since 2023-01-10.
      expect(old).toMatchObject({ ttfv_days: 680, onboarding: 'late', consumed_usd: 40700, commit_status: 'over' });
      // The base window T-454 .. T-365 held 42 days of spend against 90 now: a partial base that v1.1 refuses.
      expect(old.nrr_pct).toBeCloseTo((9000 / 4200) * 100, 1);
    }
  });
});

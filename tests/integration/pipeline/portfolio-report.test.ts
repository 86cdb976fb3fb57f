/**
 * `pulse report`: its JSON follows SIGNALS.md's output conventions like every other output
 * (percentages 1 decimal, money cents, scores whole), and its text rounds half up too.
 */
import { computeAllSignals, type ComputedAccount } from '../../../src/pipeline/compute-signals';
import { buildPortfolioReport } from '../../../src/report/portfolio';
import { formatPortfolioReport } from '../../../src/report/format';
import { renderPortfolioText } from '../../../src/output/portfolio-text';
import { computeSignals } from '../../../src/signals/compute';
import type { Warehouse } from '../../../src/warehouse/port';
import { openCsvDirInBothEngines } from '../../support/load-fixture';
import { DEFAULT_CONFIG } from '../../support/pipeline';
import { makeAggregates, makeThresholds } from '../../unit/signals/factory';
import type { AggregatesOverrides } from '../../unit/signals/factory';

function computed(overrides: AggregatesOverrides): ComputedAccount {
  const agg = makeAggregates(overrides);
  return { account: agg.account, nrr: agg.nrr, signals: computeSignals(agg, makeThresholds()), spend_day: agg.spend_day, commitment: null };
}

/** Every number of a JSON document with its path. */
function numbers(value: unknown, path = ''): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbers(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => numbers(v, path ? `${path}.${k}` : k));
  return [];
}

const decimals = (x: number): number => (String(x).split('.')[1] ?? '').length;

describe('portfolio report output', () => {
  // NRR 1759.5 / 1000 = 175.95% exactly in decimal, 175.94999… in binary: toFixed(1) reads 175.9.
  const accounts = [
    computed({ account: { account_id: 'a1', segment: 'smb' }, spend_30d: 3000.005, nrr: { r0: 1000, r1: 1759.5, base: 900, intensity: 100, team_expansion: 500.333, use_case_expansion: 259.1666 } }),
    computed({ account: { account_id: 'a2', segment: 'smb' }, spend_30d: 1234.567, nrr: { r0: 0, r1: 10, base: 0, intensity: 0, team_expansion: 0, use_case_expansion: 10 } }),
  ];

  it('rounds the JSON: percentages to 1 decimal half up, money to cents, scores whole', () => {
    const json = JSON.parse(JSON.stringify(formatPortfolioReport(buildPortfolioReport(accounts))));
    expect(json.nrr.portfolio).toMatchObject({ nrr_pct: 176, base_retention_pct: 90, team_expansion_usd: 500.33, use_case_expansion_usd: 259.17 });
    expect(json.nrr.segments.smb.nrr_pct).toBe(176);
    // Only the account on watch or at risk is listed (the other is healthy); its ARR in cents.
    expect(json.worst.map((w: { arr_usd: number }) => w.arr_usd)).toEqual([15020.57]);
    expect(json.worst.every((w: { health_score: number }) => Number.isInteger(w.health_score))).toBe(true);
  });

  it('prints the text NRR rounded half up on the decimal value', () => {
    expect(renderPortfolioText(buildPortfolioReport(accounts))).toContain('176.0%');
  });

  describe('on the signal examples (DuckDB and PostgreSQL)', () => {
    let duck: Warehouse;
    let pg: Warehouse;

    beforeAll(async () => {
      ({ duck, pg } = await openCsvDirInBothEngines('report'));
    });

    afterAll(async () => {
      await duck?.close();
      await pg?.close();
    });

    const reportJson = async (wh: Warehouse) => {
      const { accounts: all } = await computeAllSignals(wh, DEFAULT_CONFIG, { asOf: '2024-02-20', today: '2099-01-01' });
      return JSON.parse(JSON.stringify(formatPortfolioReport(buildPortfolioReport(all)))) as unknown;
    };

    it('has no figure with more decimals than its convention allows, and both engines agree', async () => {
      const json = await reportJson(duck);
      const tooLong = numbers(json).filter(([path, x]) => {
        const allowed = /_pct$|mean_score$/.test(path) ? 1 : /_usd$/.test(path) ? 2 : 0;
        return decimals(x) > allowed;
      });
      expect(tooLong).toEqual([]);
      expect(numbers(json).some(([path]) => path === 'nrr.portfolio.nrr_pct')).toBe(true);
      expect(await reportJson(pg)).toEqual(json);
    });
  });
});

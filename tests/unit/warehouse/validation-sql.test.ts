import { passesRowChecks, reasonCase, reasonKeys } from '../../../src/warehouse/validation/check-sql';
import { cleanSelect } from '../../../src/warehouse/validation/clean-ctes';
import { blockColumn, blockGroups, duplicateKeysSql } from '../../../src/warehouse/validation/duplicate-sql';
import { planModel, rowChecks } from '../../../src/warehouse/validation/model-plan';
import { sourceKind } from '../../../src/warehouse/validation/source-kind';
import { checkDay } from '../../../src/warehouse/validation/sql';
import type { ModelValidation } from '../../../src/warehouse/validation';
import type { Dialect } from '../../../src/warehouse/port';
import { isPulseError } from '../../../src/errors';

const TODAY = '2024-06-30';
const TYPED_USAGE = { account_id: 'VARCHAR', day: 'DATE', use_case: 'VARCHAR', team: 'VARCHAR', units: 'DOUBLE', cost_usd: 'DOUBLE' };
const TEXT_USAGE = { account_id: 'text', day: 'text', use_case: 'text', team: 'text', units: 'text', cost_usd: 'text' };
const usage = (sourceTypes: Record<string, string>, dialect: Dialect = 'duckdb') => planModel({ model: 'usage_daily', sourceTypes, dialect, today: TODAY });

function validation(duplicates: ModelValidation['duplicates']): ModelValidation {
  return { present: true, rows: 0, rejected: 0, byReason: {}, detailKept: 0, detailTruncated: false, sourceTypes: {}, missingOptionalColumns: [], duplicates };
}

describe('sourceKind', () => {
  it.each([
    ['VARCHAR', 'text'], ['character varying', 'text'], ['text', 'text'], ['INTEGER', 'int32'], ['smallint', 'int32'], ['BIGINT', 'integer'],
    ['HUGEINT', 'integer'], ['DOUBLE', 'number'], ['double precision', 'number'], ['DECIMAL(12,2)', 'number'], ['numeric', 'number'],
    ['DATE', 'date'], ['TIMESTAMP', 'timestamp'], ['timestamp(3) without time zone', 'timestamp'],
    ['TIMESTAMP WITH TIME ZONE', 'other'], ['BOOLEAN', 'other'], ['jsonb', 'other'],
  ])('%s is %s', (type, kind) => expect(sourceKind(type)).toBe(kind));
});

describe('planModel', () => {
  it('casts nothing and checks only nulls, signs, finiteness and the future when the source is typed', () => {
    const keys = rowChecks(usage(TYPED_USAGE)).map((c) => c.key);
    expect(keys).toEqual([
      'null:account_id', 'null:day', 'future_date:day', 'null:use_case', 'null:team',
      'null:units', 'not_finite:units', 'negative:units', 'null:cost_usd', 'not_finite:cost_usd', 'negative:cost_usd',
    ]);
    expect(passesRowChecks(usage(TYPED_USAGE))).not.toMatch(/regexp|trim\(|case when/);
  });

  it('checks text columns by pattern before any cast, in both dialects', () => {
    const duck = usage(TEXT_USAGE);
    expect(rowChecks(duck).map((c) => c.key)).toContain('not_a_number:units');
    expect(rowChecks(duck).map((c) => c.key)).toContain('bad_date:day');
    expect(reasonCase(duck, true)).toContain('regexp_full_match(trim(s."units")');
    expect(reasonCase(usage(TEXT_USAGE, 'postgres'), true)).toContain(`(trim(s."units") ~ '^(`);
  });

  it('reads a missing nullable column as a typed null and names missing required ones', () => {
    const accounts = planModel({
      model: 'accounts',
      sourceTypes: { account_id: 'text', contract_start: 'date', name: 'text' },
      dialect: 'postgres',
      today: TODAY,
    });
    expect(accounts.missingOptionalColumns).toContain('hubspot_company_id');
    expect(accounts.columns.find((c) => c.spec.name === 'licensed_users')?.projection).toBe('cast(null as integer)');
    let error: unknown;
    try {
      usage({ account_id: 'VARCHAR', day: 'DATE', units: 'DOUBLE' });
    } catch (e) {
      error = e;
    }
    expect(isPulseError(error) && error.code).toBe('WAREHOUSE_MODEL_MISSING');
    expect((error as Error).message).toBe(
      'warehouse.models.usage_daily: the source lacks the column(s) use_case, team, cost_usd; found account_id, day, units. ' +
        'Rename them in the table, or map the model to a query that selects them.',
    );
  });

  it('matches column names case-insensitively in DuckDB only, as the engines do', () => {
    const upper = { ...TYPED_USAGE, UNITS: 'DOUBLE' } as Record<string, string>;
    delete upper.units;
    expect(() => usage(upper, 'duckdb')).not.toThrow();
    expect(() => usage(upper, 'postgres')).toThrow(/lacks the column\(s\) units/);
  });

  it('numbers reasons in check order, the account checks last', () => {
    const keys = reasonKeys(usage(TYPED_USAGE), true);
    expect(keys.slice(-2)).toEqual(['unknown_account', 'rejected_account']);
    expect(reasonCase(usage(TYPED_USAGE), true)).toContain(`when a.n_valid <> 1 then ${keys.length}`);
  });
});

describe('clean CTE SQL', () => {
  it('is a plain filtered scan when nothing was rejected for its account or key', () => {
    const sql = cleanSelect({ plan: usage(TYPED_USAGE), source: '"usage_daily"' }, validation({ count: 0, keys: [] }));
    expect(sql).not.toMatch(/m_accounts|group by|over \(|exists|join/);
  });

  it('adds the accounts semi-join when validation met rows of unknown or rejected accounts', () => {
    for (const reason of ['unknown_account', 'rejected_account']) {
      const sql = cleanSelect({ plan: usage(TYPED_USAGE), source: '"usage_daily"' }, { ...validation({ count: 0, keys: [] }), byReason: { [reason]: 1 } });
      expect(sql).toContain('t."account_id" in (select "account_id" from m_accounts)');
    }
  });

  it('excludes duplicated keys by escaped value when the report holds them all', () => {
    const keys = [["o'brien", '2024-03-01', 'chat', 'support']];
    const sql = cleanSelect({ plan: usage(TYPED_USAGE), source: '"usage_daily"' }, validation({ count: 1, keys }));
    expect(sql).toContain(`left join (values ('o''brien', cast('2024-03-01' as date), 'chat', 'support')) as d(k0, k1, k2, k3) on d.k0 = t."account_id"`);
    expect(sql).toContain('d.k0 is null');
    expect(sql).not.toContain('group by');
  });

  it('groups in SQL when the report holds fewer keys than it counts', () => {
    const sql = cleanSelect({ plan: usage(TYPED_USAGE), source: '"usage_daily"' }, validation({ count: 20_000, keys: [] }));
    expect(sql).toContain('having count(*) > 1');
  });
});

describe('duplicate SQL', () => {
  it('blocks on the date of the key', () => {
    expect(blockColumn(usage(TYPED_USAGE))).toBe('day');
    expect(blockColumn(planModel({ model: 'accounts', sourceTypes: { account_id: 'text', contract_start: 'date' }, dialect: 'duckdb', today: TODAY }))).toBeUndefined();
  });

  it('narrows the exact search to the accounts of flagged groups, escaped', () => {
    const accounts = planModel({ model: 'accounts', sourceTypes: { account_id: 'text', contract_start: 'date' }, dialect: 'duckdb', today: TODAY });
    const sql = duplicateKeysSql({ plan: usage(TYPED_USAGE), source: '"usage_daily"' }, { plan: accounts, source: '"accounts"' }, 10, ["a'1", 'b']);
    expect(sql).toContain(`s."account_id" in ('a''1', 'b')`);
  });

  it('groups DuckDB cells by a hash, PostgreSQL cells by their values', () => {
    expect(blockGroups(usage(TYPED_USAGE)).groups[0]).toBe('hash(s."use_case", s."team")');
    expect(blockGroups(usage(TYPED_USAGE, 'postgres')).groups.slice(0, 2)).toEqual(['s."use_case"', 's."team"']);
  });
});

describe('checkDay', () => {
  it.each(['2024-02-29', '2000-02-29', '0001-01-01'])('accepts %s', (d) => expect(checkDay(d, 'today')).toBe(d));
  it.each(['2023-02-29', '1900-02-29', '2024-13-01', '2024-1-01', "2024-01-01'; drop", ''])('rejects %j', (d) => {
    expect(() => checkDay(d, 'validation.today')).toThrow(/validation.today/);
  });
});

import { duplicateReason, keyText, quoted, reasonText, splitReasonKey } from '../../../src/warehouse/validation/reasons';

describe('reason sentences', () => {
  it.each<[string, string, Record<string, unknown>, string]>([
    ['usage_daily', 'negative:units', { units: -5 }, 'units is negative (-5)'],
    ['usage_daily', 'negative:units', { units: ' -5 ' }, 'units is negative (-5)'],
    ['usage_daily', 'not_a_number:units', { units: 'abc' }, 'units "abc" is not a number'],
    ['usage_daily', 'not_finite:cost_usd', { cost_usd: Number.NaN }, 'cost_usd is not a finite number (NaN)'],
    ['usage_daily', 'bad_date:day', { day: '2024-02-30' }, 'day "2024-02-30" is not a valid date'],
    ['usage_daily', 'future_date:day', { day: '2027-01-01' }, 'day 2027-01-01 is in the future'],
    ['usage_daily', 'null:units', { units: null }, 'units is null'],
    ['usage_daily', 'unknown_account', { account_id: 'acct-9' }, 'account_id "acct-9" is not in accounts'],
    ['active_users_daily', 'not_an_integer:mau', { mau: 'abc' }, 'mau "abc" is not an integer'],
    ['active_users_daily', 'not_an_integer:mau', { mau: 2.5 }, 'mau 2.5 is not an integer'],
    ['active_users_daily', 'out_of_range:mau', { mau: 3e9 }, 'mau 3000000000 is out of range for an integer'],
    ['commitments', 'not_positive:committed_usd', { committed_usd: 0 }, 'committed_usd must be > 0 (0)'],
    ['commitments', 'period_reversed', { period_start: '2024-06-01', period_end: '2024-05-01' }, 'period_end 2024-05-01 is before period_start 2024-06-01'],
  ])('%s %s', (model, key, row, sentence) => {
    expect(reasonText(model as 'usage_daily', key, row)).toBe(sentence);
  });

  it('names the key columns of a duplicate', () => {
    expect(duplicateReason('usage_daily', 3)).toBe('duplicate key: 3 rows share (account_id, day, use_case, team)');
  });

  it('splits a reason key into code and column', () => {
    expect(splitReasonKey('negative:cost_usd')).toEqual({ code: 'negative', column: 'cost_usd' });
    expect(splitReasonKey('duplicate_key')).toEqual({ code: 'duplicate_key', column: undefined });
  });

  it('quotes text so an empty or odd value stays visible', () => {
    expect(quoted('')).toBe('""');
    expect(quoted('say "hi"')).toBe('"say \\"hi\\""');
    expect(quoted(null)).toBe('null');
  });

  it('joins the key with |, leaving a null part empty', () => {
    expect(keyText('usage_daily', { account_id: 'acct-1', day: '2024-03-01', use_case: null, team: 'support' })).toBe('acct-1|2024-03-01||support');
  });
});

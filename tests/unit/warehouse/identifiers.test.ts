import { checkModelQuery, isIdentifier, quoteIdentifier, sqlLiteral } from '../../../src/warehouse/identifiers';
import { isPulseError } from '../../../src/errors';

const place = 'warehouse.models.usage_daily';

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('quoteIdentifier', () => {
  it('double-quotes plain and schema-qualified names part by part', () => {
    expect(quoteIdentifier('usage_daily', place)).toBe('"usage_daily"');
    expect(quoteIdentifier('analytics.fct_usage', place)).toBe('"analytics"."fct_usage"');
    expect(quoteIdentifier('db.analytics.fct_usage', place)).toBe('"db"."analytics"."fct_usage"');
  });

  it.each(['usage; drop table x', 'usage"; drop table x; --', 'a.b.c.d', '1usage', 'usage daily', '', 'a..b', "usage'"])(
    'rejects %j with an IDENTIFIER_INVALID error naming the place',
    (name) => {
      const error = errorOf(() => quoteIdentifier(name, place));
      expect(isPulseError(error) && error.code).toBe('IDENTIFIER_INVALID');
      expect((error as Error).message).toContain(place);
      expect(isIdentifier(name)).toBe(false);
    },
  );
});

describe('checkModelQuery', () => {
  it('accepts one SELECT or WITH statement, dropping a trailing semicolon', () => {
    expect(checkModelQuery('  select a from t;  ', place)).toBe('select a from t');
    expect(checkModelQuery('with x as (select 1 as a) select a from x', place)).toBe('with x as (select 1 as a) select a from x');
  });

  it('accepts columns named like admin words (load, call, copy)', () => {
    expect(checkModelQuery('select load, call, copy from t', place)).toBe('select load, call, copy from t');
  });

  it('ignores semicolons and keywords inside string literals and quoted names', () => {
    expect(checkModelQuery(`select 'a;b' as x, 'drop table' as "delete" from t`, place)).toContain(`'a;b'`);
  });

  it.each([
    ['a second statement', 'select 1; drop table usage_daily'],
    ['a second read', 'select 1; select 2'],
    ['a write in a CTE', 'with x as (delete from t returning *) select * from x'],
    ['a statement that is not a read', 'drop table usage_daily'],
    ['a COPY', 'copy (select 1) to \'/tmp/x\''],
  ])('rejects %s', (_label, sql) => {
    const error = errorOf(() => checkModelQuery(sql, place));
    expect(isPulseError(error) && error.code).toBe('IDENTIFIER_INVALID');
    expect(isPulseError(error) && error.place).toBe(place);
  });
});

describe('sqlLiteral', () => {
  it('doubles single quotes so a value cannot end the literal', () => {
    expect(sqlLiteral("o'brien")).toBe("'o''brien'");
    expect(sqlLiteral("x'); drop table t; --")).toBe("'x''); drop table t; --'");
  });
});

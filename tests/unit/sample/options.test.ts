import { isPulseError } from '../../../src/errors';
import { resolveSampleOptions, SAMPLE_DEFAULTS } from '../../../sample-data';

function errorOf(f: () => unknown): { code: string; place?: string; message: string } {
  try {
    f();
  } catch (e) {
    if (isPulseError(e)) return { code: e.code, place: e.place, message: e.message };
    throw e;
  }
  throw new Error('expected an error');
}

describe('sample options', () => {
  it('default to 200 accounts, 480 days (enough history for NRR), seed 1, as of yesterday UTC', () => {
    const now = new Date('2025-03-01T00:30:00Z');
    expect(resolveSampleOptions({}, now)).toEqual({ ...SAMPLE_DEFAULTS, asOf: '2025-02-28' });
    expect(SAMPLE_DEFAULTS).toEqual({ accounts: 200, days: 480, seed: 1 });
  });

  it.each([
    [{ accounts: 0 }, 'accounts'],
    [{ accounts: 2.5 }, 'accounts'],
    [{ days: -1 }, 'days'],
    [{ days: 30 }, 'days'],
    [{ seed: 1.5 }, 'seed'],
    [{ accounts: Number.NaN }, 'accounts'],
    [{ asOf: '2025-02-30' }, 'as-of'],
    [{ asOf: '31/03/2025' }, 'as-of'],
  ])('reject %j, naming the option', (options, name) => {
    const error = errorOf(() => resolveSampleOptions(options));
    expect(error.code).toBe('INPUT_INVALID');
    expect(error.place).toBe(name);
    expect(error.message).toContain(`--${name}`);
  });
});

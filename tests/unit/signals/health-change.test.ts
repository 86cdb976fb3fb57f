import { DEFAULT_THRESHOLDS } from '../../../src/config/thresholds';
import { healthChangeReason, healthScoreChange, type ComponentReadings } from '../../../src/signals/health-change';

const WEIGHTS = DEFAULT_THRESHOLDS.health.weights;

function readings(overrides: Partial<ComponentReadings> = {}): ComponentReadings {
  return {
    trend: { input: 5, score: 70 },
    commitment: { input: 95, score: 100 },
    predictability: { input: 0.1, score: 80 },
    breadth: { input: 3, score: 100 },
    engagement: { input: 25, score: 50 },
    value: { input: 2, score: 75 },
    ...overrides,
  };
}

describe('healthScoreChange', () => {
  it('subtracts the scores as shown (each rounded half up)', () => {
    expect(healthScoreChange(61.5, 70.4)).toBe(62 - 70);
    expect(healthScoreChange(70, 70)).toBe(0);
  });
  it('is null when either score is null', () => {
    expect(healthScoreChange(null, 50)).toBeNull();
    expect(healthScoreChange(50, null)).toBeNull();
  });
});

describe('healthChangeReason', () => {
  it.each([
    ['commitment', { commitment: { input: 92, score: 100 } }, { commitment: { input: 61, score: 55 } }, 'commitment pace fell from 92% to 61% of commitment'],
    ['trend', { trend: { input: 12, score: 100 } }, { trend: { input: -8, score: 44 } }, 'spend growth fell from +12% to -8% vs the previous 30 days'],
    ['predictability', { predictability: { input: 0.12, score: 76 } }, { predictability: { input: 0.35, score: 30 } }, 'spend variability rose from 0.12 to 0.35'],
    ['breadth', { breadth: { input: 3, score: 100 } }, { breadth: { input: 1, score: 40 } }, 'use cases fell from 3 to 1'],
    ['engagement', { engagement: { input: 20, score: 40 } }, { engagement: { input: 35, score: 70 } }, 'stickiness rose from 20% to 35%'],
    ['value', { value: { input: 2.1, score: 77.5 } }, { value: { input: 0.8, score: 40 } }, 'value delivered fell from 2.1× to 0.8× spend'],
  ] as const)('names %s with its input then and now', (_name, then, now, sentence) => {
    expect(healthChangeReason(readings(then), readings(now), WEIGHTS, -5)).toBe(sentence);
  });

  it('picks the largest weighted change, not the largest raw one', () => {
    // predictability moves 50 points × weight 10 = 500; trend 24 points × weight 25 = 600.
    const then = readings({ predictability: { input: 0.05, score: 90 }, trend: { input: 5, score: 70 } });
    const now = readings({ predictability: { input: 0.3, score: 40 }, trend: { input: -10, score: 40 } });
    expect(healthChangeReason(then, now, WEIGHTS, -10)).toBe('spend growth fell from +5% to -10% vs the previous 30 days');
  });

  it("breaks a tie in SIGNALS.md's table order", () => {
    // breadth, engagement and value weigh 15 each: the same 20-point move, breadth comes first.
    const then = readings({ breadth: { input: 2, score: 70 }, engagement: { input: 25, score: 50 }, value: { input: 2, score: 75 } });
    const now = readings({ breadth: { input: 1, score: 50 }, engagement: { input: 15, score: 30 }, value: { input: 1, score: 55 } });
    expect(healthChangeReason(then, now, WEIGHTS, -9)).toBe('use cases fell from 2 to 1');
  });

  it('skips a component null on either side', () => {
    const then = readings({ commitment: { input: null, score: null } });
    const now = readings({ commitment: { input: 40, score: 0 }, engagement: { input: 20, score: 40 } });
    expect(healthChangeReason(then, now, WEIGHTS, -3)).toBe('stickiness fell from 25% to 20%');
  });

  it('is null when the score did not change, or nothing comparable moved', () => {
    const now = readings({ trend: { input: -30, score: 0 } });
    expect(healthChangeReason(readings(), now, WEIGHTS, 0)).toBeNull();
    expect(healthChangeReason(readings(), now, WEIGHTS, null)).toBeNull();
    const none = readings(Object.fromEntries(Object.keys(readings()).map((c) => [c, { input: null, score: null }])));
    expect(healthChangeReason(none, now, WEIGHTS, -4)).toBeNull();
    expect(healthChangeReason(readings(), readings(), WEIGHTS, 1)).toBeNull();
  });
});

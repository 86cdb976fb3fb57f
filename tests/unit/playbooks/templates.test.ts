import type { Signals } from '../../../src/domain/signals';
import { fillTemplate, formatFigure, roundFigure, scanTemplate } from '../../../src/playbooks';
import { makeSignals } from './make-signals';

describe('templates', () => {
  it('are filled with the account figures, formatted for a reader', () => {
    const signals = makeSignals({ growth_30d_pct: -34.0323, spend_prev_30d: 12_400, spend_30d: 8_180.4, tenure_days: 1_200 });
    expect(fillTemplate('Consumption {{growth_30d_pct}} in 30 days ({{ spend_prev_30d }} -> {{spend_30d}}) after {{tenure_days}} days', signals))
      .toBe('Consumption -34.0% in 30 days ($12,400 -> $8,180) after 1,200 days');
  });

  it.each<[keyof Signals, Signals[keyof Signals], string]>([
    ['spend_30d', 412.5, '$412.50'],
    ['projected_overage_usd', 1_234_567.891, '$1,234,568'],
    ['growth_30d_pct', 12, '12.0%'],
    ['growth_30d_pct', -0.04, '0.0%'],
    ['roi_multiple', 0.17949, '0.179'],
    ['units_30d', 1_503_148, '1,503,148'],
    ['overconsumption', true, 'yes'],
    ['commit_exhaustion_date', '2024-03-09', '2024-03-09'],
    ['trend', 'declining', 'declining'],
    ['growth_30d_pct', null, 'n/a'],
  ])('format %s = %j as %s', (field, value, text) => {
    expect(formatFigure(field, value)).toBe(text);
  });

  it('round figures as the signals output does (percent 1 decimal, money cents, ratios 3 decimals)', () => {
    expect(roundFigure('growth_30d_pct', -34.0323)).toBe(-34);
    expect(roundFigure('spend_30d', 8_180.456)).toBe(8_180.46);
    expect(roundFigure('volatility_cv', 0.51234)).toBe(0.512);
    expect(roundFigure('trend', 'stable')).toBe('stable');
  });

  it('are only ever scanned and substituted: code-like placeholders are load-time errors and text is data', () => {
    expect(scanTemplate('{{process.exit()}} {{constructor}} {{__proto__}}').problems).toEqual([
      'unknown placeholder {{process.exit()}}: a placeholder is a signal field name',
      'unknown placeholder {{constructor}}: a placeholder is a signal field name',
      'unknown placeholder {{__proto__}}: a placeholder is a signal field name',
    ]);
    expect(scanTemplate('${process.exit()} `rm -rf` {{trend}}')).toEqual({ placeholders: ['trend'], problems: [] });
    expect(fillTemplate('${process.exit()} {{trend}}', makeSignals())).toBe('${process.exit()} stable');
    // A figure whose text looks like a placeholder is not expanded again.
    expect(fillTemplate('{{risk_drivers}}', makeSignals({ risk_drivers: '{{account_id}}' }))).toBe('{{account_id}}');
  });

  it('name the closest field for a misspelt placeholder, and none when nothing is close', () => {
    expect(scanTemplate('{{spend30d}} {{helth_score}} {{owner}}').problems).toEqual([
      'unknown placeholder {{spend30d}}: a placeholder is a signal field name; did you mean spend_30d?',
      'unknown placeholder {{helth_score}}: a placeholder is a signal field name; did you mean health_score or health_tier?',
      'unknown placeholder {{owner}}: a placeholder is a signal field name',
    ]);
  });

  it('flag stray braces, which would otherwise print verbatim', () => {
    expect(scanTemplate('Down {{growth_30d_pct} this month').problems).toEqual(['unbalanced "{{" or "}}" outside a {{field}} placeholder']);
  });
});

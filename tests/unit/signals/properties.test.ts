import fc from 'fast-check';
import type { AccountAggregates } from '../../../src/domain/aggregates';
import { EXPANSION_FLAGS } from '../../../src/domain/signals';
import type { ExpansionFlag, SignalField } from '../../../src/domain/signals';
import { computeSignals } from '../../../src/signals/compute';
import { formatSignals } from '../../../src/signals/format';
import { addDays } from '../../../src/domain/dates';
import { roundTo } from '../../../src/signals/round';
import { makeAccount, makeThresholds } from './factory';
import { thresholdProblems, type Thresholds } from '../../../src/config/thresholds';
import { componentScores, healthInputs, HEALTH_COMPONENTS, RISK_DRIVER_BELOW } from '../../../src/signals/health';

const t = makeThresholds();
// Money in cents (as the warehouse sums it) or any double, with 0 over-represented: it is where nulls hide.
const amount = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50_000_000 }).map((c) => c / 100), fc.double({ min: 0, max: 1e7, noNaN: true }));
const count = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 12 }));
const day = fc.integer({ min: 18_000, max: 20_500 }).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));

const aggregates: fc.Arbitrary<AccountAggregates> = fc
  .record({
    as_of: day,
    tenure: fc.integer({ min: -10, max: 900 }),
    // Days of history before T: around the contract, the commitment and the NRR base window; null = no usage at all.
    history: fc.option(fc.integer({ min: -5, max: 900 })),
    optional: fc.record({ licensed: fc.option(count), budget: fc.option(amount), target: fc.option(amount), outcomeTarget: fc.option(amount) }),
    sums: fc.record({ spend_30d: amount, spend_prev_30d: amount, units_30d: amount, units_prev_30d: amount, mtd: amount, last_month: amount }),
    weekly: fc.array(amount, { minLength: 8, maxLength: 8 }),
    weekday: fc.array(amount, { minLength: 7, maxLength: 7 }),
    firstDays: fc.record({ meaningful: fc.option(fc.nat(400)), target: fc.option(fc.nat(400)) }),
    breadth: fc.record({ uc: count, teams: count, newUc: count, newTeams: count }),
    commitment: fc.option(fc.record({ before: fc.nat(400), after: fc.nat(400), committed: amount.filter((x) => x > 0), consumed: amount, reachedBack: fc.nat(400) })),
    users: fc.option(fc.record({ dau: amount, mau: fc.option(count) })),
    outcomes: fc.option(fc.record({ c30: amount, v30: amount, cprev: amount, roiBack: fc.option(fc.nat(400)) })),
    nrr: fc.record({ r0: amount, r1: amount, base: amount, intensity: amount, team: amount, uc: amount }),
    peer: fc.record({ n: fc.integer({ min: 1, max: 12 }), lower: fc.nat(12), equal: fc.nat(12), p25: amount, p75: amount }),
  })
  .map((g) => {
    const back = (n: number | null) => (n === null ? null : addDays(g.as_of, -Math.min(n, Math.max(0, g.tenure))));
    const c = g.commitment;
    const lower = Math.min(g.peer.lower, g.peer.n - 1);
    return {
      account: makeAccount({
        contract_start: addDays(g.as_of, -g.tenure),
        licensed_users: g.optional.licensed,
        monthly_budget_usd: g.optional.budget,
        target_daily_units: g.optional.target,
        outcome_target_monthly: g.optional.outcomeTarget,
      }),
      as_of: g.as_of,
      history_start: g.history === null ? null : addDays(g.as_of, -g.history),
      spend_30d: g.sums.spend_30d,
      spend_prev_30d: g.sums.spend_prev_30d,
      spend_day: 0,
      units_30d: g.sums.units_30d,
      units_prev_30d: g.sums.units_prev_30d,
      weekly_spend: g.weekly,
      mtd_spend: g.sums.mtd,
      last_month_spend: g.sums.last_month,
      weekday_spend_28d: g.weekday,
      first_meaningful_day: back(g.firstDays.meaningful),
      first_target_day: back(g.firstDays.target),
      use_cases_30d: g.breadth.uc,
      teams_30d: g.breadth.teams,
      new_use_cases_90d: g.breadth.newUc,
      new_teams_90d: g.breadth.newTeams,
      commitment:
        c === null
          ? null
          : {
              period_start: addDays(g.as_of, -c.before),
              period_end: addDays(g.as_of, c.after),
              committed_usd: c.committed,
              consumed_usd: c.consumed,
              reached_day: c.consumed >= c.committed ? addDays(g.as_of, -Math.min(c.reachedBack, c.before)) : null,
            },
      active_users: g.users === null ? null : { dau_sum_28d: g.users.dau, mau_at_t: g.users.mau },
      outcomes: g.outcomes === null ? null : { count_30d: g.outcomes.c30, value_30d: g.outcomes.v30, count_prev_30d: g.outcomes.cprev, first_roi_day: back(g.outcomes.roiBack) },
      nrr: { r0: g.nrr.r0, r1: g.nrr.r1, base: g.nrr.base, intensity: g.nrr.intensity, team_expansion: g.nrr.team, use_case_expansion: g.nrr.uc },
      peer: { cohort_size: g.peer.n, lower, equal: Math.min(g.peer.equal, g.peer.n - 1 - lower), p25: g.peer.p25, p75: g.peer.p75 },
    };
  });

const inRange = (x: number | null) => x === null || (x >= 0 && x <= 100);

describe('signal properties', () => {
  it('keeps every score within 0..100 and the tier consistent with the score', () => {
    fc.assert(
      fc.property(aggregates, (agg) => {
        const s = computeSignals(agg, t);
        expect(inRange(s.health_score) && inRange(s.expansion_score) && inRange(s.peer_percentile)).toBe(true);
        const rounded = s.health_score === null ? null : roundTo(s.health_score, 0);
        const tier = rounded === null ? null : rounded >= 70 ? 'healthy' : rounded >= 40 ? 'watch' : 'at_risk';
        expect(s.health_tier).toBe(tier);
        expect(formatSignals(s).health_score).toBe(rounded);
      }),
      { numRuns: 500 },
    );
  });

  it('never outputs NaN or Infinity, and formatting never turns null into a number or back', () => {
    fc.assert(
      fc.property(aggregates, (agg) => {
        const s = computeSignals(agg, t);
        const out = formatSignals(s);
        for (const [field, v] of Object.entries(out)) {
          if (typeof v === 'number') expect([field, Number.isFinite(v)]).toEqual([field, true]);
          expect([field, v === null]).toEqual([field, s[field as SignalField] === null]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a missing input null, never 0', () => {
    fc.assert(
      fc.property(aggregates, (agg) => {
        const s = computeSignals(agg, t);
        if (agg.outcomes === null) {
          expect([s.outcomes_30d, s.value_usd_30d, s.roi_multiple, s.efficiency, s.overconsumption, s.time_to_roi_days, s.value_summary]).toEqual(Array(7).fill(null));
        }
        if (agg.active_users?.mau_at_t == null) expect([s.stickiness_pct, s.user_penetration_pct]).toEqual([null, null]);
        if (agg.account.licensed_users === null) expect(s.user_penetration_pct).toBeNull();
        if (agg.account.target_daily_units === null) expect(s.time_to_target_days).toBeNull();
        if (agg.account.outcome_target_monthly === null) expect(s.outcome_attainment_pct).toBeNull();
        if (agg.commitment === null) {
          expect([s.consumed_usd, s.commit_projected_pct, s.commit_status, s.commit_exhaustion_date, s.commit_days_early, s.projected_overage_usd]).toEqual(Array(6).fill(null));
        }
        if (agg.spend_prev_30d === 0) expect(s.growth_30d_pct).toBeNull();
        if (agg.first_meaningful_day === null) expect(s.ttfv_days).toBeNull();
        // v1.1: nothing that needs usage from before the history start.
        if (agg.history_start !== null && agg.account.contract_start < agg.history_start) {
          expect([s.ttfv_days, s.onboarding, s.time_to_target_days, s.time_to_roi_days]).toEqual([null, null, null, null]);
        }
        if (agg.history_start !== null && agg.commitment !== null && agg.commitment.period_start < agg.history_start) {
          expect([s.consumed_usd, s.commit_utilization_pct, s.commit_projected_pct, s.commit_status, s.commit_days_early]).toEqual(Array(5).fill(null));
        }
        if (agg.history_start !== null && addDays(agg.as_of, -454) < agg.history_start) expect(s.nrr_pct).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('scores expansion as the capped sum of its flags, led by the first', () => {
    fc.assert(
      fc.property(aggregates, (agg) => {
        const s = computeSignals(agg, t);
        const flags = s.expansion_flags === '' ? [] : (s.expansion_flags.split(',') as ExpansionFlag[]);
        expect(flags.every((f) => EXPANSION_FLAGS.includes(f))).toBe(true);
        expect([...flags].sort((a, b) => EXPANSION_FLAGS.indexOf(a) - EXPANSION_FLAGS.indexOf(b))).toEqual(flags);
        expect(s.expansion_score).toBe(Math.min(100, flags.reduce((sum, f) => sum + t.expansion.points[f], 0)));
        expect(s.expansion_signal).toBe(flags[0] ?? 'none');
      }),
      { numRuns: 500 },
    );
  });

  it('names at most three risk drivers, each below neutral, worst first; null when none is', () => {
    fc.assert(
      fc.property(aggregates, (agg) => {
        const s = computeSignals(agg, t);
        const scores = componentScores(healthInputs(s), t.health);
        const below = HEALTH_COMPONENTS.filter((c) => (scores[c] ?? 100) < RISK_DRIVER_BELOW);
        if (below.length === 0) {
          expect(s.risk_drivers).toBeNull();
          return;
        }
        const named = (s.risk_drivers ?? '').split('; ').map((d) => d.slice(0, d.indexOf(':')));
        expect(named.length).toBe(Math.min(3, below.length));
        const lost = (c: string) => t.health.weights[c as keyof typeof scores] * (100 - (scores[c as keyof typeof scores] as number));
        for (let i = 0; i < named.length; i++) {
          expect(below).toContain(named[i]);
          if (i > 0) expect(lost(named[i - 1] as string)).toBeGreaterThanOrEqual(lost(named[i] as string));
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** Thresholds a config could hold and pass thresholdProblems: the orderings, signs and sums of SIGNALS.md. */
const sortedInputs = fc
  .uniqueArray(fc.integer({ min: -400, max: 400 }), { minLength: 2, maxLength: 6 })
  .map((xs) => [...xs].sort((a, b) => a - b).map((x) => x / 4));
const points = fc
  .tuple(sortedInputs, fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 6, maxLength: 6 }))
  .map(([xs, ys]) => xs.map((x, i): [number, number] => [x, ys[i] as number]));
const ordered = (lo: fc.Arbitrary<number>, gap: fc.Arbitrary<number>) => fc.tuple(lo, gap).map(([a, d]) => [a, a + d] as const);
const positiveGap = fc.double({ min: 0.01, max: 200, noNaN: true });

const validThresholds: fc.Arbitrary<Thresholds> = fc
  .record({
    weights: fc.array(fc.nat(100), { minLength: 6, maxLength: 6 }).filter((w) => w.some((x) => x > 0)),
    points: fc.array(points, { minLength: 6, maxLength: 6 }),
    tiers: ordered(fc.double({ min: 0, max: 99, noNaN: true }), fc.double({ min: 0.5, max: 100, noNaN: true })).map(([w, h]) => [w, Math.min(100, h)] as const),
    growing: fc.double({ min: 0, max: 100, noNaN: true }),
    declining: fc.double({ min: -99.9, max: 0, noNaN: true }),
    cv: ordered(fc.double({ min: 0.01, max: 2, noNaN: true }), positiveGap),
    commit: ordered(fc.double({ min: 0, max: 150, noNaN: true }), positiveGap),
    expansionPoints: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 6, maxLength: 6 }),
    rapid: fc.double({ min: 0.1, max: 200, noNaN: true }),
    nrrTenure: fc.integer({ min: 455, max: 900 }),
  })
  .map((g) => {
    const sum = g.weights.reduce((a, b) => a + b, 0);
    const base = makeThresholds();
    const weights = Object.fromEntries(HEALTH_COMPONENTS.map((c, i) => [c, ((g.weights[i] as number) * 100) / sum])) as Thresholds['health']['weights'];
    const pts = Object.fromEntries(HEALTH_COMPONENTS.map((c, i) => [c, g.points[i]])) as Thresholds['health']['points'];
    const [watch, healthy] = g.tiers;
    const flags = Object.keys(base.expansion.points) as (keyof Thresholds['expansion']['points'])[];
    return {
      ...base,
      trend: { ...base.trend, growing_pct: g.growing, declining_pct: g.declining === g.growing ? -1 : g.declining },
      predictability: { ...base.predictability, predictable_cv: g.cv[0], variable_cv: g.cv[1] },
      commitment: { under_pct: g.commit[0], over_pct: g.commit[1] },
      health: { weights, points: pts, tiers: { watch, healthy: healthy > watch ? healthy : 100 } },
      expansion: {
        ...base.expansion,
        rapid_growth_pct: g.rapid,
        points: Object.fromEntries(flags.map((f, i) => [f, g.expansionPoints[i]])) as Thresholds['expansion']['points'],
      },
      nrr: { min_tenure_days: g.nrrTenure },
    };
  });

describe('signal properties over random valid thresholds', () => {
  it('generates only thresholds that pass thresholdProblems (so the property below covers valid configs)', () => {
    fc.assert(fc.property(validThresholds, (th) => expect(thresholdProblems(th, 'thresholds.default')).toEqual([])), { numRuns: 300 });
  });

  it('keeps health_score, every component, expansion_score and peer_percentile within 0..100, and the tier on the score', () => {
    fc.assert(
      fc.property(validThresholds, aggregates, (th, agg) => {
        const s = computeSignals(agg, th);
        const scores = componentScores(healthInputs(s), th.health);
        for (const c of HEALTH_COMPONENTS) expect([c, inRange(scores[c])]).toEqual([c, true]);
        expect({ health: s.health_score, ok: inRange(s.health_score) }).toEqual({ health: s.health_score, ok: true });
        expect(inRange(s.expansion_score) && inRange(s.peer_percentile)).toBe(true);
        const rounded = s.health_score === null ? null : roundTo(s.health_score, 0);
        const tier = rounded === null ? null : rounded >= th.health.tiers.healthy ? 'healthy' : rounded >= th.health.tiers.watch ? 'watch' : 'at_risk';
        expect(s.health_tier).toBe(tier);
      }),
      { numRuns: 1000 },
    );
  });
});

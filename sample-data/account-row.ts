/**
 * The `accounts` row, written after the account's usage because its budget and targets are sized
 * from that usage: a budget far above the run rate (or, for bill shock, just above the pre-spike
 * month), a unit target near the typical day, an outcome target the account reaches 80–125% of.
 */
import type { AccountRow } from '../src/domain/contract';
import type { SampleContext } from './context';
import { formatDay } from './dates';
import { spikeStart } from './level';
import type { AccountProfile } from './profile';
import { uniform } from './prng';
import type { Scratch } from './sink';

/** Two significant digits, as people set budgets and targets. */
function nice(x: number): number {
  if (x <= 0) return 0;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(x)) - 1);
  return Math.round(x / step) * step;
}

/** Mean of `values` over the window days `d` ago in [fromAgo, toAgo] (toAgo ≥ fromAgo). */
function meanAgo(ctx: SampleContext, values: Float64Array, fromAgo: number, toAgo: number, onlyPositive = false): number {
  let sum = 0;
  let n = 0;
  for (let d = fromAgo; d <= toAgo && d < ctx.days; d++) {
    const v = values[ctx.days - 1 - d] as number;
    if (onlyPositive && v <= 0) continue;
    sum += v;
    n++;
  }
  return n === 0 ? 0 : sum / n;
}

function budget(ctx: SampleContext, p: AccountProfile, s: Scratch): number | null {
  switch (p.budget) {
    case 'none':
      return null;
    // 2.5× the last 30 days' pace: forecast would need to more than double to reach it.
    case 'run_rate':
      return nice(2.5 * 31 * meanAgo(ctx, s.dailyCost, 0, 29)) || null;
    // 3× the last 14 days (for bursts: one high and one low week; for ramps: the current level).
    case 'generous':
      return nice(3 * 31 * meanAgo(ctx, s.dailyCost, 0, 13)) || null;
    case 'below_spike': {
      const start = spikeStart(p.level) ?? 0;
      return nice(1.2 * 30.4 * meanAgo(ctx, s.dailyCost, start + 1, start + 28)) || null;
    }
  }
}

export function buildAccountRow(ctx: SampleContext, p: AccountProfile, s: Scratch): AccountRow {
  const unitsTypical = meanAgo(ctx, s.dailyUnits, 0, 89, true);
  const outcomes30 = meanAgo(ctx, s.dailyOutcomes, 0, 29) * Math.min(30, ctx.days);
  const id = p.identity;
  return {
    account_id: p.id,
    name: id.name,
    domain: id.domain,
    segment: p.segment.name,
    industry: id.industry,
    contract_start: formatDay(ctx.asOf - p.tenure),
    licensed_users: p.licensedUsers,
    monthly_budget_usd: budget(ctx, p, s),
    target_daily_units: p.unitTarget ? nice(unitsTypical > 0 ? unitsTypical * uniform(p.rng, 0.8, 1.6) : uniform(p.rng, 2000, 20000)) : null,
    // ceil keeps attainment ≤ 125% even for a handful of outcomes (outcome_velocity needs 150%).
    outcome_target_monthly: p.outcomeTarget ? (outcomes30 > 0 ? Math.ceil(outcomes30 / uniform(p.rng, 0.8, 1.25)) : Math.round(uniform(p.rng, 50, 500))) : null,
    owner_email: id.ownerEmail,
    hubspot_company_id: id.hubspotCompanyId,
    salesforce_account_id: id.salesforceAccountId,
  };
}

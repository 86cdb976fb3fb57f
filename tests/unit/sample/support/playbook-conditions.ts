/**
 * An independent, deliberately plain reading of SIGNALS.md, just enough to say which default
 * playbooks' conditions hold for one sample account as of T. It works on the generated rows, so the
 * archetype tests check the generator against the spec, not against the generator's own intent.
 */
import type { SampleAccount } from '../../../../sample-data/collect';

const DAY_MS = 86_400_000;
const dayNum = (s: string): number => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / DAY_MS;

export interface Figures {
  tenure: number;
  spend30: number;
  growthPct: number | null;
  trend: string;
  cv: number | null;
  commitProjectedPct: number | null;
  commitElapsed: number | null;
  commitDaysEarly: number | null;
  forecast: number;
  lastMonth: number;
  budget: number | null;
  billShock: string | null;
  onboarding: string;
  newUseCases90: number | null;
  newTeams90: number | null;
  useCases30: number;
  roi: number | null;
  efficiencyChangePct: number | null;
  attainmentPct: number | null;
  expansionSignal: string;
  playbooks: string[];
}

export function evaluate(sample: SampleAccount, asOf: string): Figures {
  const T = dayNum(asOf);
  const acct = sample.account;
  const start = dayNum(acct.contract_start);
  const tenure = T - start;
  const cost = new Map<number, number>();
  const units = new Map<number, number>();
  const add = (m: Map<number, number>, k: number, v: number): void => void m.set(k, (m.get(k) ?? 0) + v);
  const firstUc = new Map<string, number>();
  const firstTeam = new Map<string, number>();
  const uc30 = new Set<string>();
  for (const r of sample.usage) {
    const d = dayNum(r.day);
    if (d > T) continue;
    add(cost, d, r.cost_usd);
    add(units, d, r.units);
    if (r.units > 0) {
      firstUc.set(r.use_case, Math.min(firstUc.get(r.use_case) ?? Infinity, d));
      firstTeam.set(r.team, Math.min(firstTeam.get(r.team) ?? Infinity, d));
      if (d > T - 30) uc30.add(r.use_case);
    }
  }
  const sum = (m: Map<number, number>, from: number, to: number): number => {
    let s = 0;
    for (let d = from; d <= to; d++) s += m.get(d) ?? 0;
    return s;
  };
  const spend30 = sum(cost, T - 29, T);
  const prev30 = sum(cost, T - 59, T - 30);
  const growthPct = prev30 === 0 ? null : (spend30 / prev30 - 1) * 100;
  const trend =
    spend30 === 0 && prev30 === 0 ? 'inactive'
    : spend30 === 0 ? 'stopped'
    : tenure < 60 ? 'new'
    : prev30 === 0 || (growthPct ?? 0) >= 10 ? 'growing'
    : (growthPct ?? 0) <= -10 ? 'declining' : 'stable';

  const weeks = Array.from({ length: 8 }, (_, i) => sum(cost, T - 7 * (i + 1) + 1, T - 7 * i));
  const mean = weeks.reduce((a, b) => a + b, 0) / 8;
  const cv = mean === 0 || tenure < 56 ? null : Math.sqrt(weeks.reduce((a, w) => a + (w - mean) ** 2, 0) / 8) / mean;

  const commit = sample.commitments
    .filter((c) => dayNum(c.period_start) <= T && T <= dayNum(c.period_end))
    .sort((a, b) => dayNum(b.period_start) - dayNum(a.period_start))[0];
  let commitProjectedPct: number | null = null;
  let commitElapsed: number | null = null;
  let commitDaysEarly: number | null = null;
  if (commit) {
    const ps = dayNum(commit.period_start);
    const pe = dayNum(commit.period_end);
    const consumed = sum(cost, ps, T);
    commitElapsed = T - ps + 1;
    const runRate = spend30 / 30;
    commitProjectedPct = ((consumed + runRate * (pe - ps + 1 - commitElapsed)) / commit.committed_usd) * 100;
    let exhaustion: number | null = null;
    if (consumed >= commit.committed_usd) {
      let cum = 0;
      for (let d = ps; d <= T && exhaustion === null; d++) if ((cum += cost.get(d) ?? 0) >= commit.committed_usd) exhaustion = d;
    } else if (runRate > 0) {
      const e = T + Math.ceil((commit.committed_usd - consumed) / runRate);
      if (e <= pe) exhaustion = e;
    }
    commitDaysEarly = exhaustion === null ? null : pe - exhaustion;
  }

  const tDate = new Date(T * DAY_MS);
  const monthStart = Date.UTC(tDate.getUTCFullYear(), tDate.getUTCMonth(), 1) / DAY_MS;
  const monthEnd = Date.UTC(tDate.getUTCFullYear(), tDate.getUTCMonth() + 1, 0) / DAY_MS;
  const prevMonthStart = Date.UTC(tDate.getUTCFullYear(), tDate.getUTCMonth() - 1, 1) / DAY_MS;
  const lastMonth = sum(cost, prevMonthStart, monthStart - 1);
  let forecast = sum(cost, monthStart, T);
  for (let d = T + 1; d <= monthEnd; d++) {
    let s = 0;
    for (let k = 1; k <= 4; k++) s += cost.get(d - 7 * Math.ceil((d - T) / 7) - 7 * (k - 1)) ?? 0;
    forecast += s / 4;
  }
  const budget = acct.monthly_budget_usd;
  const billShock =
    budget !== null ? (forecast > budget ? 'high' : forecast > 0.9 * budget ? 'elevated' : 'low')
    : lastMonth === 0 ? null
    : forecast > 1.5 * lastMonth ? 'high' : forecast > 1.25 * lastMonth ? 'elevated' : 'low';

  const minUnits = Math.max(1, 0.1 * (acct.target_daily_units ?? 0));
  const meaningful = [...units.entries()].filter(([d, u]) => d >= start && u >= minUnits).map(([d]) => d);
  const firstMeaningful = meaningful.length === 0 ? null : Math.min(...meaningful);
  const onboarding = firstMeaningful !== null ? (firstMeaningful - start <= 14 ? 'on_track' : 'late') : tenure > 14 ? 'stalled' : 'pending';

  const countNew = (m: Map<string, number>): number | null => (tenure < 90 ? null : [...m.values()].filter((d) => d > T - 90).length);
  const newUseCases90 = countNew(firstUc);
  const newTeams90 = countNew(firstTeam);

  let outcomes30 = 0;
  let value30 = 0;
  let outcomesPrev = 0;
  for (const o of sample.outcomes) {
    const d = dayNum(o.day);
    if (d > T - 30 && d <= T) {
      outcomes30 += o.count;
      value30 += o.value_usd;
    } else if (d > T - 60 && d <= T - 30) outcomesPrev += o.count;
  }
  const units30 = sum(units, T - 29, T);
  const unitsPrev = sum(units, T - 59, T - 30);
  const roi = spend30 === 0 ? null : value30 / spend30;
  const eff = units30 === 0 ? null : (outcomes30 / units30) * 1000;
  const effPrev = unitsPrev === 0 ? null : (outcomesPrev / unitsPrev) * 1000;
  const efficiencyChangePct = eff === null || effPrev === null || effPrev === 0 ? null : (eff / effPrev - 1) * 100;
  const overconsumption = (growthPct !== null && growthPct >= 25 && efficiencyChangePct !== null && efficiencyChangePct <= -20) || (roi !== null && roi < 1);
  const attainmentPct = acct.outcome_target_monthly ? (outcomes30 / acct.outcome_target_monthly) * 100 : null;

  const flags: [string, boolean][] = [
    ['commit_early_exhaustion', commitDaysEarly !== null && commitDaysEarly >= 30],
    ['usage_threshold', commitProjectedPct !== null && commitProjectedPct > 90],
    ['outcome_velocity', attainmentPct !== null && attainmentPct >= 150],
    ['feature_breadth', newUseCases90 !== null && newUseCases90 >= 1 && uc30.size >= 3],
    ['team_spread', newTeams90 !== null && newTeams90 >= 1],
    ['rapid_growth', growthPct !== null && growthPct >= 25],
  ];
  const expansionSignal = flags.find(([, holds]) => holds)?.[0] ?? 'none';
  const predictability = cv === null ? null : cv < 0.25 ? 'predictable' : cv < 0.5 ? 'variable' : 'erratic';

  const playbooks: string[] = [];
  if (onboarding === 'stalled') playbooks.push('onboarding_stall');
  if (trend === 'declining' || trend === 'stopped') playbooks.push('consumption_decline');
  if (commitProjectedPct !== null && commitProjectedPct < 70 && (commitElapsed ?? 0) >= 30) playbooks.push('commit_underuse');
  if (expansionSignal === 'commit_early_exhaustion' || expansionSignal === 'usage_threshold') playbooks.push('expansion_conversation');
  if (billShock === 'high') playbooks.push('bill_shock_checkin');
  if (overconsumption) playbooks.push('efficiency_consult');
  if (expansionSignal === 'team_spread') playbooks.push('adjacent_team');
  if (predictability === 'erratic' && tenure >= 90) playbooks.push('production_readiness');

  return {
    tenure, spend30, growthPct, trend, cv, commitProjectedPct, commitElapsed, commitDaysEarly, forecast, lastMonth, budget, billShock,
    onboarding, newUseCases90, newTeams90, useCases30: uc30.size, roi, efficiencyChangePct, attainmentPct, expansionSignal, playbooks,
  };
}

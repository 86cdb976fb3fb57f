import { COVERAGES, EXPANSION_SIGNALS, HEALTH_TIERS, type Coverage, type ExpansionSignal, type HealthTier, type Signals } from '../domain/signals';
import type { ComputedAccount } from '../pipeline/compute-signals';

/** NRR over summed cells (SIGNALS.md §11: "Portfolio NRR sums the same cells over all accounts"). */
export interface NrrRollup {
  accounts: number;
  /** R0: spend of the 90 days ending T−365. */
  prior_usd: number;
  /** Σ r1 of the same accounts. */
  current_usd: number;
  nrr_pct: number | null;
  base_retention_pct: number | null;
  /** R0 − base: spend lost or shrunk in the cells that existed a year ago. */
  contraction_usd: number;
  intensity_expansion_usd: number;
  team_expansion_usd: number;
  use_case_expansion_usd: number;
}

export interface PortfolioReport {
  as_of: string | null;
  accounts: number;
  /** tier ('none' when health is null) → coverage → accounts. */
  tiers: Record<HealthTier | 'none', Record<Coverage, number>>;
  expansion: { signal: ExpansionSignal; accounts: number; arr_usd: number; mean_score: number }[];
  nrr: { portfolio: NrrRollup; segments: Record<string, NrrRollup> };
  /** At-risk and watch accounts with the most ARR at stake (ARR × (100 − health)), most first. */
  worst: Pick<Signals, 'account_id' | 'health_score' | 'health_tier' | 'coverage' | 'arr_usd' | 'risk_drivers'>[];
}

function emptyRollup(): NrrRollup {
  return {
    accounts: 0, prior_usd: 0, current_usd: 0, nrr_pct: null, base_retention_pct: null,
    contraction_usd: 0, intensity_expansion_usd: 0, team_expansion_usd: 0, use_case_expansion_usd: 0,
  };
}

function addToRollup(r: NrrRollup, a: Pick<ComputedAccount, 'signals' | 'nrr'>): void {
  // Only accounts whose own NRR is defined (tenure ≥ 455 days, R0 > 0), so the portfolio
  // figure is made of the same cells as the per-account ones.
  if (a.signals.nrr_pct === null) return;
  r.accounts += 1;
  r.prior_usd += a.nrr.r0;
  r.current_usd += a.nrr.r1;
  r.contraction_usd += a.nrr.r0 - a.nrr.base;
  r.intensity_expansion_usd += a.nrr.intensity;
  r.team_expansion_usd += a.nrr.team_expansion;
  r.use_case_expansion_usd += a.nrr.use_case_expansion;
  r.base_retention_pct = ((r.prior_usd - r.contraction_usd) / r.prior_usd) * 100;
  r.nrr_pct = (r.current_usd / r.prior_usd) * 100;
}

/** The managers' view of the whole book, from the same computation as every other output. */
/**
 * At-risk and watch accounts, the most ARR at stake first (ARR × how far below full health). A free
 * account that stopped has nothing at stake: ranking by score alone filled the list with them.
 */
export function byArrAtStake<A extends Pick<ComputedAccount, 'signals'>>(accounts: readonly A[]): A[] {
  const stake = (s: Signals) => s.arr_usd * (100 - (s.health_score ?? 100));
  return accounts
    .filter(({ signals: s }) => s.health_score !== null && (s.health_tier === 'at_risk' || s.health_tier === 'watch') && stake(s) > 0)
    .sort((a, b) => stake(b.signals) - stake(a.signals));
}

export function buildPortfolioReport(accounts: readonly Pick<ComputedAccount, 'signals' | 'nrr'>[], worstCount = 10): PortfolioReport {
  const tiers = Object.fromEntries(
    [...HEALTH_TIERS, 'none'].map((t) => [t, Object.fromEntries(COVERAGES.map((c) => [c, 0]))]),
  ) as PortfolioReport['tiers'];
  const expansion = new Map(EXPANSION_SIGNALS.map((s) => [s, { signal: s, accounts: 0, arr_usd: 0, scoreSum: 0 }]));
  const portfolio = emptyRollup();
  const segments: Record<string, NrrRollup> = {};
  for (const a of accounts) {
    const s = a.signals;
    tiers[s.health_tier ?? 'none'][s.coverage] += 1;
    const e = expansion.get(s.expansion_signal);
    if (e) {
      e.accounts += 1;
      e.arr_usd += s.arr_usd;
      e.scoreSum += s.expansion_score;
    }
    addToRollup(portfolio, a);
    addToRollup((segments[s.segment ?? '(none)'] ??= emptyRollup()), a);
  }
  const worst = byArrAtStake(accounts)
    .map((a) => a.signals)
    .slice(0, worstCount)
    .map(({ account_id, health_score, health_tier, coverage, arr_usd, risk_drivers }) => ({
      account_id, health_score, health_tier, coverage, arr_usd, risk_drivers,
    }));
  return {
    as_of: accounts[0]?.signals.as_of ?? null,
    accounts: accounts.length,
    tiers,
    expansion: [...expansion.values()].map(({ scoreSum, ...e }) => ({ ...e, mean_score: e.accounts ? scoreSum / e.accounts : 0 })),
    nrr: { portfolio, segments },
    worst,
  };
}

/** The signal engine: one account's aggregates as of T → its Signals (SIGNALS.md), no I/O. */
import type { AccountAggregates } from '../domain/aggregates';
import type { Signals } from '../domain/signals';
import type { Thresholds } from '../config/thresholds';
import { breadthSignals } from './breadth';
import { commitmentSignals } from './commitment';
import { consumptionSignals, tenureDays } from './consumption';
import { coverageSignals } from './coverage';
import { expansionSignals } from './expansion';
import { forecastSignals } from './forecast';
import { healthInputs, healthSignals } from './health';
import { nrrSignals } from './nrr';
import { peerSignals } from './peer';
import { predictabilitySignals } from './predictability';
import { timeToValueSignals } from './time-to-value';
import { validateAggregates } from './validate';
import { valueSignals } from './value';

/**
 * @param thresholds the ones for the account's segment (`thresholdsFor` in src/config/thresholds.ts).
 * @throws PulseError `SIGNAL_INPUT_INVALID` when the aggregates break their own contract.
 */
export function computeSignals(agg: AccountAggregates, thresholds: Thresholds): Signals {
  validateAggregates(agg);
  const tenure = tenureDays(agg);
  const consumption = consumptionSignals(agg, tenure, thresholds.trend);
  const predictability = predictabilitySignals(agg, tenure, thresholds.predictability);
  const commitment = commitmentSignals(agg, thresholds.commitment);
  const breadth = breadthSignals(agg, tenure, thresholds.breadth);
  const value = valueSignals(agg, consumption.growth_30d_pct, thresholds.value);
  // Inputs picked field by field: merging the partial results with spreads built two ~40-key objects
  // per account only to read 6 and 7 fields (a quarter of the signal time, most of it in GC).
  const health = healthSignals(
    healthInputs({
      growth_30d_pct: consumption.growth_30d_pct,
      commit_projected_pct: commitment.commit_projected_pct,
      volatility_cv: predictability.volatility_cv,
      use_cases_30d: breadth.use_cases_30d,
      stickiness_pct: breadth.stickiness_pct,
      roi_multiple: value.roi_multiple,
    }),
    thresholds.health,
  );
  const expansion = expansionSignals(
    {
      commit_days_early: commitment.commit_days_early,
      commit_projected_pct: commitment.commit_projected_pct,
      outcome_attainment_pct: value.outcome_attainment_pct,
      new_use_cases_90d: breadth.new_use_cases_90d,
      use_cases_30d: breadth.use_cases_30d,
      new_teams_90d: breadth.new_teams_90d,
      growth_30d_pct: consumption.growth_30d_pct,
    },
    thresholds.expansion,
  );
  return {
    account_id: agg.account.account_id,
    as_of: agg.as_of,
    ...consumption,
    ...predictability,
    ...commitment,
    ...forecastSignals(agg, thresholds.bill_shock),
    ...timeToValueSignals(agg, tenure, thresholds.time_to_value),
    ...breadth,
    ...value,
    ...peerSignals(agg, thresholds.peer),
    ...health,
    ...expansion,
    ...nrrSignals(agg, tenure, thresholds.nrr),
    ...coverageSignals(agg.spend_30d, thresholds.coverage),
    segment: agg.account.segment,
    tenure_days: tenure,
  };
}

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
  const health = healthSignals(healthInputs({ ...consumption, ...commitment, ...predictability, ...breadth, ...value }), thresholds.health);
  const expansion = expansionSignals({ ...consumption, ...commitment, ...breadth, ...value }, thresholds.expansion);
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

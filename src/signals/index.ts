/** The pure signal engine: aggregates → Signals → output values. */
export { computeSignals } from './compute';
export { formatSignals, formatValue } from './format';
export type { FormattedSignals } from './format';
export { validateAggregates } from './validate';
export { roundTo } from './round';
export { HEALTH_COMPONENTS } from './health';
export type { HealthComponent } from './health';
export { expansionFlags } from './expansion';

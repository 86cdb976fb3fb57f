import { MODEL_NAMES, type ModelName } from '../../domain/contract';
import type { Warehouse } from '../port';
import type { PlannedSource } from './check-sql';
import { planModel } from './model-plan';

export type PlannedSources = Record<ModelName, PlannedSource | null>;

/**
 * Resolves each model's source and plans its checks. `sourceTypes` comes from a report (the
 * clean CTEs must read exactly as validation did) or, when absent, from the warehouse.
 */
export async function planSources(
  wh: Warehouse,
  today: string,
  sourceTypes?: (model: ModelName) => Record<string, string> | null,
): Promise<PlannedSources> {
  const planned = {} as PlannedSources;
  for (const model of MODEL_NAMES) {
    const source = await wh.modelSource(model);
    const known = sourceTypes?.(model);
    if (source === null || known === null) {
      planned[model] = null;
      continue;
    }
    const types = known ?? (await wh.columnTypes(source));
    planned[model] = { source, plan: planModel({ model, sourceTypes: types, dialect: wh.dialect, today }) };
  }
  return planned;
}

/** `accounts` is required, so `modelSource` has thrown already if it is missing; this only narrows the type. */
export function accountsOf(planned: PlannedSources): PlannedSource {
  const accounts = planned.accounts;
  if (!accounts) throw new Error('accounts model not planned');
  return accounts;
}

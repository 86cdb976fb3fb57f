import type { Warehouse } from '../../connectors/warehouse/types';
import type { PulseConfig } from '../config/config';
import { EMPTY_HISTORY, evaluatePlaybooks, loadRules, type Firing, type FiringHistory } from '../playbooks';
import { computeAllSignals, type ComputeOptions } from './compute-signals';

/**
 * The firings a run would make as of a day: the same computation as a sync, stopped before any
 * write. Without a state store's history every cooldown is clear.
 */
export async function previewFirings(
  wh: Warehouse,
  config: Pick<PulseConfig, 'thresholds' | 'playbooksFile'>,
  options: ComputeOptions & { history?: FiringHistory },
): Promise<Firing[]> {
  const rules = loadRules(config.playbooksFile ?? undefined);
  const { accounts } = await computeAllSignals(wh, config, options);
  const input = accounts.map(({ account, signals }) => ({ signals, owner: account.owner_email }));
  return evaluatePlaybooks(input, rules, options.history ?? EMPTY_HISTORY, options.asOf);
}

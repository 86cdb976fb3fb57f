import type { Warehouse } from '../warehouse/port';
import type { PulseConfig } from '../config/config';
import { EMPTY_HISTORY, evaluatePlaybooks, loadRules, type Firing, type FiringHistory, type Rules } from '../playbooks';
import { computeAllSignals, type ComputedAccount, type ComputeOptions } from './compute-signals';

/** The playbooks' firings for computed accounts: the owner a task goes to is the account's CRM owner. */
export function firingsFor(accounts: readonly ComputedAccount[], rules: Rules, history: FiringHistory, asOf: string): Firing[] {
  return evaluatePlaybooks(
    accounts.map(({ account, signals }) => ({ signals, owner: account.owner_email })),
    rules,
    history,
    asOf,
  );
}

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
  return firingsFor(accounts, rules, options.history ?? EMPTY_HISTORY, options.asOf);
}

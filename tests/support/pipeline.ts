import type { Warehouse } from '../../src/warehouse/port';
import { loadConfig } from '../../src/commands/config';
import { computeAllSignals } from '../../src/pipeline/compute-signals';
import { formatSignals, type FormattedSignals } from '../../src/signals';

/** The defaults, with no file and no environment: what a test means by "the spec's thresholds". */
export const DEFAULT_CONFIG = loadConfig({}, '/nonexistent-dir-for-tests');

/** `pulse signals --format json` as data, through the real pipeline. */
export async function signalsJson(wh: Warehouse, asOf: string, today = '2099-01-01'): Promise<FormattedSignals[]> {
  const { accounts } = await computeAllSignals(wh, DEFAULT_CONFIG, { asOf, today, chunkSize: 7 });
  return accounts.map((a) => formatSignals(a.signals));
}

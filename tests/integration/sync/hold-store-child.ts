/**
 * A second process for the state store tests: opens the embedded store in PULSE_STATE_DIR as
 * `pulse sync --crm dry-run` would, starts a run, records one write unit with its counts, prints
 * `ready <run id>` and waits to be killed (SIGKILL: no cleanup of any kind runs).
 */
import { openStateStore } from '../../../src/sync/state';
import { ZERO_COUNTS } from '../../../src/sync/state';

async function main(): Promise<void> {
  const dir = process.env.PULSE_STATE_DIR;
  if (dir === undefined) throw new Error('PULSE_STATE_DIR is required');
  const store = await openStateStore({ dir });
  const installation = await store.ensureInstallation('default', 'dry-run', 'dry-run:hubspot', null);
  const now = new Date().toISOString();
  const recorder = await store.startRun(installation.id, '2024-02-20', now);
  await recorder.recordBatch(
    { fields: [{ account_id: 'acct-0001', values: { pulse_as_of: '2024-02-20' } }], recordIds: [{ account_id: 'acct-0001', record_id: 'dry-run-acct-0001' }], keys: [], rejections: [] },
    now,
    { ...ZERO_COUNTS, accounts_read: 7, changed: 7, written: 1 },
  );
  process.stdout.write(`ready ${recorder.runId}\n`);
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

import { CATALOG, type FormattedSignals } from '../../../src/catalog';
import rows from '../../fixtures/signals-examples/expected.json';
import { startFakeHubspot, type FakeHubspot } from '../../support/fake-hubspot';
import { connectTo, failures } from './support';

/** Values formatted by the catalog are what HubSpot's property types accept, and the playbook triggers land as properties. */
let fake: FakeHubspot;
afterEach(() => fake.close());

it('writes formatFields output for real signal records, accepted by every property type, triggers included', async () => {
  fake = await startFakeHubspot();
  const connector = await connectTo(fake, { installationId: 'p' });
  // The fixture predates the text signals (drivers, summaries): absent ones are unknown, i.e. null.
  const unknown = Object.fromEntries(CATALOG.flatMap((entry) => (entry.source.kind === 'signal' ? [[entry.source.field, null]] : [])));
  const signals = (rows as Record<string, unknown>[]).map((row) => ({ ...unknown, ...row }) as unknown as FormattedSignals);
  const extra = { last_playbook: 'commit_underuse', last_playbook_fired_at: '2025-04-01T05:00:00Z', last_synced_at: '2025-04-01T05:01:00Z' };
  const writes = signals.map((row, i) => ({ account_id: String(row.account_id), record_id: fake.store.seedCompany({ name: `c${i}` }), values: connector.formatFields(row, extra) }));
  expect(writes[0]?.values).toMatchObject({ pulse_account_id: 'acct-0000', pulse_as_of: '2024-02-20', pulse_last_playbook: 'commit_underuse', pulse_last_playbook_fired_at: '2025-04-01T05:00:00.000Z' });

  expect(failures(await connector.writeFields(writes))).toEqual([]);
  for (const write of writes) expect(fake.store.find('companies', write.record_id)?.properties).toMatchObject(write.values);
  // HubSpot workflows enroll on these property changes; there is no event to send.
  expect(await connector.publishEvents([{ key: 'e1', account_id: 'a', record_id: '1', playbook: 'commit_underuse', reason: 'r', fired_at: '2025-04-01T05:00:00Z' }])).toEqual([{ key: 'e1', ok: true }]);
});

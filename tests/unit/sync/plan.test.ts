import { createDryRunConnector } from '../../../connectors/crm/dry-run';
import { toHubspotProperties } from '../../../src/catalog';
import { PulseError } from '../../../src/errors';
import { formatSignals } from '../../../src/signals/format';
import { buildChunkPlan, draftAccount, draftChunk, isRejection, needsRecord, toStoredFirings, type FieldFormatter } from '../../../src/sync/plan';
import type { AccountDraft } from '../../../src/sync/plan-types';
import { emptyState, makeAccount, makeFiring, makeStored, writtenState } from './factories';

const NOW = '2024-02-21T06:00:00.000Z';
const format: FieldFormatter = (signals, extra) => createDryRunConnector({ mimic: 'hubspot' }).formatFields(signals, extra);
const acct = makeAccount();
/** Everything the CRM would hold after a first sync of `acct` with no firing. */
const allWritten = () => toHubspotProperties(formatSignals(acct.signals));

function draft(input: Partial<Parameters<typeof draftAccount>[0]>): AccountDraft {
  const result = draftAccount({ computed: acct, fresh: [], state: emptyState(), now: NOW, format, recordIdColumn: 'hubspot_company_id', ...input });
  if (result === null || isRejection(result)) throw new Error(`expected a draft, got ${JSON.stringify(result)}`);
  return result;
}

describe('plan: field diff', () => {
  it('a first sync changes every field from never-written, and stamps last_synced_at on the write only', () => {
    const d = draft({});
    expect(d.changes).toHaveLength(Object.keys(allWritten()).length);
    expect(d.changes.every((c) => c.old === undefined)).toBe(true);
    expect(d.changes.map((c) => c.field)).not.toContain('pulse_last_synced_at');
    expect(d.values).toMatchObject({ pulse_spend_30d: '12400', pulse_last_synced_at: NOW });
  });

  it('an unchanged account yields nothing: last_synced_at alone is not a change', () => {
    expect(draftAccount({ computed: acct, fresh: [], state: emptyState({ written: writtenState('acct-1', allWritten()) }), now: NOW, format, recordIdColumn: 'hubspot_company_id' })).toBeNull();
  });

  it('a changed signal changes only its field, compared on the CRM-formatted value', () => {
    const changed = makeAccount({}, { spend_30d: 12_500.004 });
    const d = draft({ computed: changed, state: emptyState({ written: writtenState('acct-1', allWritten()) }) });
    expect(d.changes).toEqual([{ field: 'pulse_spend_30d', old: '12400', new: '12500' }]);
    expect(d.values).toEqual({ pulse_spend_30d: '12500', pulse_last_synced_at: NOW });
    // 12400.001 formats to the same '12400': no change, no write.
    const rounding = makeAccount({}, { spend_30d: 12_400.001 });
    expect(draftAccount({ computed: rounding, fresh: [], state: emptyState({ written: writtenState('acct-1', allWritten()) }), now: NOW, format, recordIdColumn: 'hubspot_company_id' })).toBeNull();
  });

  it('a value the CRM format refuses rejects the account with the field named', () => {
    const refuse: FieldFormatter = () => {
      throw new PulseError('INPUT_INVALID', 'pulse_trend: expected one of growing, stable, declining, stopped, got "sideways"');
    };
    expect(draftAccount({ computed: acct, fresh: [], state: emptyState(), now: NOW, format: refuse, recordIdColumn: 'hubspot_company_id' })).toEqual({
      kind: 'record', key: 'acct-1', account_id: 'acct-1', reason: 'pulse_trend: expected one of growing, stable, declining, stopped, got "sideways"',
    });
  });
});

describe('plan: tasks and triggers', () => {
  const task = { subject: 'Call', body: 'Why', priority: 'high' as const, due_date: '2024-02-21', owner: 'csm@vendor.example' };
  const written = () => emptyState({ written: writtenState('acct-1', allWritten()) });

  it('a new trigger firing sets last_playbook fields and an event; a task firing a task with the firing key', () => {
    const fresh = toStoredFirings([makeFiring(), makeFiring({ key: 'acct-1:efficiency_consult:2024-02-20', playbook: 'efficiency_consult', action: 'task', task })], written(), NOW);
    const d = draft({ fresh, state: written() });
    expect(d.changes).toEqual([
      { field: 'pulse_last_playbook', old: undefined, new: 'consumption_decline' },
      { field: 'pulse_last_playbook_fired_at', old: undefined, new: NOW },
    ]);
    expect(d.events).toEqual([{ key: 'acct-1:consumption_decline:2024-02-20', account_id: 'acct-1', playbook: 'consumption_decline', reason: makeFiring().reason, fired_at: NOW }]);
    expect(d.tasks).toEqual([{ key: 'acct-1:efficiency_consult:2024-02-20', account_id: 'acct-1', ...task }]);
  });

  it('a backfill owes the day\'s tasks and events but never writes a field value over a newer one', () => {
    const fresh = toStoredFirings([makeFiring(), makeFiring({ key: 'acct-1:efficiency_consult:2024-02-20', playbook: 'efficiency_consult', action: 'task', task })], emptyState(), NOW);
    const d = draft({ fresh, backfill: true });
    expect(d.changes).toEqual([]);
    expect(d.values).toEqual({});
    expect(d.tasks.map((t) => t.key)).toEqual(['acct-1:efficiency_consult:2024-02-20']);
    expect(d.events.map((e) => e.key)).toEqual(['acct-1:consumption_decline:2024-02-20']);
  });

  it('record hints carry the CRM\'s own id column only, whatever the CRM', () => {
    const computed = makeAccount({ hubspot_company_id: '123', salesforce_account_id: '001x' });
    const hints = (recordIdColumn: 'hubspot_company_id' | 'salesforce_account_id' | null) =>
      (draftAccount({ computed, fresh: [], state: emptyState(), now: NOW, format, recordIdColumn }) as AccountDraft).hints;
    expect(hints('hubspot_company_id')).toEqual({ account_id: 'acct-1', name: 'Acme', domain: 'acme.example', record_id: '123' });
    expect(hints('salesforce_account_id').record_id).toBe('001x');
    expect(hints(null).record_id).toBeNull();
  });

  it('of two triggers the same day, the first in rule priority order is last_playbook', () => {
    const fresh = toStoredFirings([makeFiring(), makeFiring({ key: 'acct-1:adjacent_team:2024-02-20', playbook: 'adjacent_team' })], written(), NOW);
    expect(draft({ fresh, state: written() }).values).toMatchObject({ pulse_last_playbook: 'consumption_decline' });
  });

  it('a firing replayed on the same day is not new: its owed task comes from the store, once', () => {
    const key = 'acct-1:efficiency_consult:2024-02-20';
    const state = emptyState({ ...written(), recordedOnAsOf: new Set([key]), owedTasks: [makeStored({ key, action: 'task', playbook: 'efficiency_consult', fired_on: '2024-02-20', task })] });
    const fresh = toStoredFirings([makeFiring({ key, playbook: 'efficiency_consult', action: 'task', task })], state, NOW);
    expect(fresh).toEqual([]);
    expect(draft({ fresh, state }).tasks.map((t) => t.key)).toEqual([key]);
  });

  it('a recorded firing whose task was accepted yields nothing; an old trigger already written is not rewritten', () => {
    const stored = makeStored();
    const values = { ...allWritten(), pulse_last_playbook: stored.playbook, pulse_last_playbook_fired_at: stored.fired_at };
    const state = emptyState({ written: writtenState('acct-1', values), latestTrigger: new Map([['acct-1', stored]]) });
    expect(draftAccount({ computed: acct, fresh: [], state, now: NOW, format, recordIdColumn: 'hubspot_company_id' })).toBeNull();
  });
});

describe('plan: records', () => {
  it('asks the CRM only for accounts with something to write and no id on file; unmatched are reported, their firings not recorded', () => {
    const a = makeAccount({ account_id: 'a' });
    const b = makeAccount({ account_id: 'b' });
    const c = makeAccount({ account_id: 'c' });
    const state = emptyState({ recordIds: new Map([['a', 'co-a']]), written: writtenState('c', toHubspotProperties(formatSignals(c.signals))) });
    const firings = [makeFiring({ key: 'b:consumption_decline:2024-02-20', account_id: 'b' }), makeFiring({ key: 'c:x:2024-02-20', account_id: 'c', action: 'none' })];
    const drafts = draftChunk([a, b, c], firings, state, { now: NOW, format, recordIdColumn: 'hubspot_company_id' });
    expect(needsRecord(drafts, state).map((d) => d.account_id)).toEqual(['b']);
    const plan = buildChunkPlan(drafts, state, new Map([['b', null]]));
    expect(plan.accounts.map((x) => [x.account_id, x.record_id])).toEqual([['a', 'co-a']]);
    expect(plan.unmatched.map((x) => x.account_id)).toEqual(['b']);
    expect(plan.unchanged).toBe(1);
    // c's 'none' firing is recorded (its cooldown counts); b's trigger waits for b's record.
    expect(plan.firings.map((f) => f.key)).toEqual(['c:x:2024-02-20']);
  });
});

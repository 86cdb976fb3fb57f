import type { Clock } from '../../../connectors/crm/kit/clock';
import { bulkLedgerKey, writeBulk, type BulkOptions, type BulkSession, type BulkWrite } from '../../../connectors/crm/salesforce/bulk';
import { prepareUpdate, splitUpdate } from '../../../connectors/crm/salesforce/bulk/update-csv';
import { openSalesforceLink } from '../../../connectors/crm/salesforce/link';
import { isQuotaStop, type CrmJobLedger, type WriteResult } from '../../../src/sync/ports';
import { startFakeSalesforce, type FakeSalesforce } from '../../support/fake-salesforce';
import { bulkJobsOf, type FakeBulkJobs } from '../../support/fake-salesforce/bulk-jobs';

/** writeBulk against the local fake Salesforce, through jsforce and the kit's caller, on a virtual clock. */
let fake: FakeSalesforce;
let jobs: FakeBulkJobs;
afterEach(() => fake.close());

/** Sleeps move virtual time at once: retries and polls run fast, the max wait is still measured. */
function virtualClock(): Clock & { slept: number[] } {
  let now = 1_700_000_000_000;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
      await Promise.resolve();
    },
  };
}

/** The store's ledger, in memory. */
function memoryLedger(): CrmJobLedger & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    find: async (key) => entries.get(key) ?? null,
    remember: async (key, jobId) => void entries.set(key, jobId),
    forget: async (key) => void entries.delete(key),
  };
}

async function start(): Promise<{ session: BulkSession; clock: ReturnType<typeof virtualClock> }> {
  fake = await startFakeSalesforce();
  jobs = bulkJobsOf(fake.org);
  const clock = virtualClock();
  const link = openSalesforceLink({ instanceUrl: fake.baseUrl, accessToken: fake.accessToken, clock, retryPolicy: { baseMs: 10, capMs: 20 } });
  return { session: { link }, clock };
}

function options(clock: Clock, more: BulkOptions = {}): BulkOptions {
  return { clock, pollIntervalMs: 1_000, maxWaitMs: 60_000, ...more };
}

function byKey(results: readonly WriteResult[]): Record<string, WriteResult> {
  return Object.fromEntries(results.map((result) => [result.key, result]));
}

function seed(n: number): string[] {
  return Array.from({ length: n }, (_, i) => fake.org.seedAccount({ Name: `Account ${i}`, Pulse_Risk_Drivers__c: 'kept' }));
}

const route = (name: string) => [...fake.stats.byRoute].filter(([key]) => new RegExp(name).test(key)).reduce((sum, [, n]) => sum + n, 0);

describe('writeBulk through Bulk API 2.0 on the fake Salesforce', () => {
  it('lands every row with typed values, quoted text, cleared and untouched fields, in one upload polled to its end', async () => {
    const { session, clock } = await start();
    const [a, b, c] = seed(3) as [string, string, string];
    const writes: BulkWrite[] = [
      { key: 'acc_a', record: { Id: a, Pulse_Health_Score__c: 72.5, Pulse_Overconsumption__c: true, Pulse_Risk_Drivers__c: 'seats down, "usage" flat;\nlogins | 3' } },
      // No Pulse_Risk_Drivers__c: the cell is empty and the field keeps its value.
      { key: 'acc_b', record: { Id: b, Pulse_Health_Score__c: 0, Pulse_Overconsumption__c: false } },
      { key: 'acc_c', record: { Id: c, Pulse_Health_Score__c: null, Pulse_Risk_Drivers__c: null } },
    ];
    const results = await writeBulk(session, writes, options(clock));

    expect(byKey(results)).toEqual({
      acc_a: { key: 'acc_a', ok: true, crm_id: a },
      acc_b: { key: 'acc_b', ok: true, crm_id: b },
      acc_c: { key: 'acc_c', ok: true, crm_id: c },
    });
    expect(fake.org.get('Account', a)?.fields).toMatchObject({ Pulse_Health_Score__c: 72.5, Pulse_Overconsumption__c: true, Pulse_Risk_Drivers__c: 'seats down, "usage" flat;\nlogins | 3' });
    expect(fake.org.get('Account', b)?.fields).toMatchObject({ Pulse_Health_Score__c: 0, Pulse_Overconsumption__c: false, Pulse_Risk_Drivers__c: 'kept' });
    expect(fake.org.writesOf('Account', b, 'Pulse_Risk_Drivers__c')).toBe(1); // the seed's write only
    expect(fake.org.get('Account', c)?.fields).toMatchObject({ Pulse_Health_Score__c: null, Pulse_Risk_Drivers__c: null });
    expect(fake.org.writesOf('Account', c, 'Pulse_Overconsumption__c')).toBe(0);

    const [job] = [...jobs.jobs.values()];
    expect(job).toMatchObject({ state: 'JobComplete', uploads: 1, operation: 'update', object: 'Account' });
    expect(job?.polls).toBe(2); // InProgress first, then JobComplete
    expect(clock.slept).toEqual([1_000]);
    // create, upload, close, 2 polls, 3 result reads: each counted by the link's caller.
    expect(session.link.caller.calls).toBe(8);
    expect(route('^POST /jobs/ingest$')).toBe(1);
    expect(route('^PUT /jobs/ingest/.+/batches$')).toBe(1);
  });

  it('maps failed rows back with their sf__Error code and message; other rows still land', async () => {
    const { session, clock } = await start();
    const [ok, gone, typed, other] = seed(4) as [string, string, string, string];
    fake.org.delete('Account', gone);
    const results = byKey(
      await writeBulk(
        session,
        [
          { key: 'ok', record: { Id: ok, Pulse_Health_Score__c: 10 } },
          { key: 'gone', record: { Id: gone, Pulse_Health_Score__c: 11 } },
          { key: 'missing', record: { Id: '001000000000777AAA', Pulse_Health_Score__c: 12 } },
          { key: 'malformed', record: { Id: '003000000000001AAA', Pulse_Health_Score__c: 13 } },
          { key: 'not-a-number', record: { Id: typed, Pulse_Health_Score__c: 'high' } },
          { key: 'no-such-field', record: { Id: other, Nope__c: 'x' } },
        ],
        options(clock),
      ),
    );
    expect(results.ok).toEqual({ key: 'ok', ok: true, crm_id: ok });
    expect(results.gone).toEqual({ key: 'gone', ok: false, code: 'ENTITY_IS_DELETED', error: 'ENTITY_IS_DELETED: entity is deleted', retryable: false });
    expect(results.missing).toEqual({ key: 'missing', ok: false, code: 'INVALID_CROSS_REFERENCE_KEY', error: 'INVALID_CROSS_REFERENCE_KEY: invalid cross reference id', retryable: false });
    expect(results.malformed).toEqual({
      key: 'malformed',
      ok: false,
      code: 'MALFORMED_ID',
      error: 'MALFORMED_ID: Account ID: id value of incorrect type: 003000000000001AAA (Id)',
      retryable: false,
    });
    expect(results['not-a-number']).toEqual({
      key: 'not-a-number',
      ok: false,
      code: 'INVALID_TYPE_ON_FIELD_IN_RECORD',
      error: 'INVALID_TYPE_ON_FIELD_IN_RECORD: Pulse_Health_Score__c: value not of required type: high (Pulse_Health_Score__c)',
      retryable: false,
    });
    expect(results['no-such-field']).toEqual({
      key: 'no-such-field',
      ok: false,
      code: 'INVALID_FIELD',
      error: "INVALID_FIELD: No such column 'Nope__c' on sobject of type Account (Nope__c)",
      retryable: false,
    });
    expect(fake.org.get('Account', ok)?.fields.Pulse_Health_Score__c).toBe(10);
    // Only the record that carries a value for the unknown column fails on it: an empty cell is no write.
    expect(fake.org.writesOf('Account', typed, 'Pulse_Health_Score__c')).toBe(0);
  });

  it('fails locked rows as retryable (by Id and by a lock fault on the upload), writing none of their values', async () => {
    const { session, clock } = await start();
    const [a, b, c] = seed(3) as [string, string, string];
    jobs.lockIds.add(b);
    fake.faults.add({ fault: { kind: 'lock', positions: [2] }, method: 'PUT', path: '/batches' });
    const results = byKey(
      await writeBulk(session, [a, b, c].map((id, i) => ({ key: `k${i}`, record: { Id: id, Pulse_Health_Score__c: 50 + i } })), options(clock)),
    );
    expect(results.k0).toEqual({ key: 'k0', ok: true, crm_id: a });
    for (const [key, id] of [['k1', b], ['k2', c]] as const) {
      expect(results[key]).toEqual({ key, ok: false, code: 'UNABLE_TO_LOCK_ROW', error: `UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record or 1 records: ${id}`, retryable: true });
      expect(fake.org.writesOf('Account', id, 'Pulse_Health_Score__c')).toBe(0);
    }
  });

  it('keeps the first write of a record and refuses a second to the same Id; a write without an Id is refused', async () => {
    const { session, clock } = await start();
    const [a] = seed(1) as [string];
    const results = byKey(
      await writeBulk(
        session,
        [
          { key: 'first', record: { Id: a, Pulse_Health_Score__c: 1 } },
          { key: 'second', record: { Id: a, Pulse_Health_Score__c: 2 } },
          { key: 'no-id', record: { Pulse_Health_Score__c: 3 } },
        ],
        options(clock),
      ),
    );
    expect(results.first).toEqual({ key: 'first', ok: true, crm_id: a });
    expect(results.second).toEqual({ key: 'second', ok: false, error: `Account ${a} is written by first in the same Bulk job: one write per record and job`, retryable: false });
    expect(results['no-id']).toMatchObject({ ok: false, retryable: false });
    expect(fake.org.get('Account', a)?.fields.Pulse_Health_Score__c).toBe(1);
    expect(jobs.jobs.values().next().value?.csv?.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('retries 5xx answers and dropped connections on every call of the job, uploading once', async () => {
    const { session, clock } = await start();
    const ids = seed(4);
    fake.faults.add({ fault: { kind: 'status', status: 503 }, method: 'POST', path: '/jobs/ingest' });
    // One fault per request: rules matching the same request would all be spent on it.
    fake.faults.add({ fault: { kind: 'status', status: 500 }, method: 'PUT', path: '/batches' });
    fake.faults.add({ fault: { kind: 'drop', when: 'before' }, method: 'PATCH', path: '/jobs/ingest/' });
    fake.faults.add({ fault: { kind: 'status', status: 502 }, method: 'GET', path: '/successfulResults' });
    fake.faults.add({ fault: { kind: 'drop', when: 'before' }, method: 'GET', path: /^\/jobs\/ingest\/[^/]+$/, times: 2 });
    fake.faults.add({ fault: { kind: 'drop', when: 'before' }, method: 'GET', path: '/failedResults' });
    const results = await writeBulk(session, ids.map((Id, i) => ({ key: `k${i}`, record: { Id, Pulse_Health_Score__c: i } })), options(clock));

    expect(results.every((result) => result.ok)).toBe(true);
    expect(results).toHaveLength(4);
    expect(jobs.uploads).toBe(1);
    expect(fake.faults.applied.get('drop before')).toBe(4);
    expect(fake.faults.applied.get('status 500')).toBe(1);
    expect(session.link.caller.retries.get('server-error')).toBe(3);
    expect(session.link.caller.retries.get('network-error')).toBe(4);
    ids.forEach((id, i) => expect(fake.org.get('Account', id)?.fields.Pulse_Health_Score__c).toBe(i));
  });

  it('a connection dropped after the upload landed makes Salesforce fail the job (two uploads): every row retryable, the next run starts a new job', async () => {
    const { session, clock } = await start();
    const ids = seed(2);
    const ledger = memoryLedger();
    fake.faults.add({ fault: { kind: 'drop', when: 'after' }, method: 'PUT', path: '/batches' });
    const writes = ids.map((Id, i) => ({ key: `k${i}`, record: { Id, Pulse_Health_Score__c: 90 + i } }));
    const first = await writeBulk(session, writes, options(clock, { ledger }));
    const firstJob = [...jobs.jobs.values()][0];
    expect(firstJob).toMatchObject({ state: 'Failed', uploads: 2 });
    for (const result of first) {
      expect(result).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining(`not processed: Bulk job ${firstJob?.id} ended Failed: InvalidBatch : Found multiple contents`) });
    }
    expect(ledger.entries.size).toBe(0);
    expect(ids.map((id) => fake.org.writesOf('Account', id, 'Pulse_Health_Score__c'))).toEqual([0, 0]);

    const second = await writeBulk(session, writes, options(clock, { ledger }));
    expect(second.every((result) => result.ok)).toBe(true);
    expect(jobs.jobs.size).toBe(2);
  });

  it('resumes after a run cut off while polling: the restarted run polls the same job and uploads nothing again', async () => {
    const { session, clock } = await start();
    const ids = seed(3);
    const ledger = memoryLedger();
    // The job id must be kept before its data goes up: a crash mid-upload leaves a job the next run finds.
    const uploadsWhenRemembered: number[] = [];
    const remember = ledger.remember;
    ledger.remember = async (key, jobId) => {
      uploadsWhenRemembered.push(jobs.uploads);
      await remember(key, jobId);
    };
    const writes = ids.map((Id, i) => ({ key: `k${i}`, record: { Id, Pulse_Health_Score__c: 30 + i } }));
    jobs.stall = true;
    const cutOff = await writeBulk(session, writes, options(clock, { ledger, maxWaitMs: 5_000 }));
    const [job] = [...jobs.jobs.values()];
    expect(job?.state).toBe('InProgress');
    for (const result of cutOff) {
      expect(result).toMatchObject({ ok: false, retryable: true, error: `Bulk job ${job?.id} is still InProgress after 5000 ms (GET /jobs/ingest/${job?.id}): the next run polls the same job` });
    }
    // The waits never pass the max wait: 1000 + 1500 + 2250 then the 250 ms left.
    expect(clock.slept).toEqual([1_000, 1_500, 2_250, 250]);
    expect([...ledger.entries.values()]).toEqual([job?.id]);
    expect(uploadsWhenRemembered).toEqual([0]);
    expect(ledger.entries.has(bulkLedgerKey('Account', 'update', job?.csv ?? ''))).toBe(true);

    jobs.stall = false;
    const resumed = await writeBulk(session, writes, options(clock, { ledger }));
    expect(resumed).toEqual(ids.map((id, i) => ({ key: `k${i}`, ok: true, crm_id: id })));
    expect(jobs.uploads).toBe(1);
    expect(jobs.jobs.size).toBe(1);
    expect(route('^POST /jobs/ingest$')).toBe(1);
    expect(ledger.entries.size).toBe(0);
  });

  it('a restarted run that finds its job complete only reads the results', async () => {
    const { session, clock } = await start();
    const ids = seed(2);
    const ledger = memoryLedger();
    const writes = ids.map((Id) => ({ key: Id, record: { Id, Name: 'Renamed' } }));
    jobs.stall = true;
    await writeBulk(session, writes, options(clock, { ledger, maxWaitMs: 0 }));
    jobs.stall = false;
    const [job] = [...jobs.jobs.values()];
    if (job === undefined) throw new Error('no job');
    jobs.poll(job);
    expect(job.state).toBe('JobComplete');
    const callsBefore = session.link.caller.calls;

    const resumed = await writeBulk(session, writes, options(clock, { ledger }));
    expect(resumed.every((result) => result.ok)).toBe(true);
    // One state read and the three result reads: no create, no upload.
    expect(session.link.caller.calls - callsBefore).toBe(4);
    expect(jobs.uploads).toBe(1);
  });

  it.each(['Open', 'Failed', 'Aborted'] as const)('a job found %s is given up and the writes go to a new job', async (state) => {
    const { session, clock } = await start();
    const ids = seed(2);
    const ledger = memoryLedger();
    const writes = ids.map((Id) => ({ key: Id, record: { Id, Pulse_Health_Score__c: 5 } }));
    const [upload] = splitUpdate(prepareUpdate(writes), 1_000_000);
    const stale = jobs.create('Account', 'update', 'LF');
    if (state !== 'Open') jobs.setState(stale, state);
    await ledger.remember(bulkLedgerKey('Account', 'update', upload?.csv ?? ''), stale.id);

    const results = await writeBulk(session, writes, options(clock, { ledger }));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(stale.state).toBe(state === 'Open' ? 'Aborted' : state);
    expect(jobs.jobs.size).toBe(2);
    expect(ledger.entries.size).toBe(0);
  });

  it('an upload refused for good aborts the job and forgets it; the error names the job and the call, never the token', async () => {
    const { session, clock } = await start();
    const ids = seed(2);
    const ledger = memoryLedger();
    fake.faults.add({ fault: { kind: 'status', status: 400 }, method: 'PUT', path: '/batches' });
    const results = await writeBulk(session, ids.map((Id) => ({ key: Id, record: { Id, Pulse_Health_Score__c: 1 } })), options(clock, { ledger }));
    const [job] = [...jobs.jobs.values()];
    for (const result of results) {
      expect(result).toEqual({ key: result.key, ok: false, retryable: false, error: `Bulk job ${job?.id}: PUT /jobs/ingest/${job?.id}/batches failed: UNKNOWN_EXCEPTION: Injected HTTP 400` });
      expect(JSON.stringify(result)).not.toContain(fake.accessToken);
    }
    expect(job?.state).toBe('Aborted');
    expect(ledger.entries.size).toBe(0);
  });

  it('without a ledger, a job past the max wait is reported retryable for a later run to write again', async () => {
    const { session, clock } = await start();
    const [a] = seed(1) as [string];
    jobs.stall = true;
    const [result] = await writeBulk(session, [{ key: 'a', record: { Id: a, Pulse_Health_Score__c: 1 } }], options(clock, { maxWaitMs: 1_000 }));
    expect(result).toMatchObject({ ok: false, retryable: true, error: expect.stringMatching(/still InProgress after 1000 ms .*: the next run writes these records again$/) });
  });

  it('a spent quota while polling stops the run and keeps the job in the ledger', async () => {
    const { session, clock } = await start();
    const [a] = seed(1) as [string];
    const ledger = memoryLedger();
    fake.faults.add({ fault: { kind: 'limit' }, method: 'GET', path: /^\/jobs\/ingest\/[^/]+$/ });
    const error: unknown = await writeBulk(session, [{ key: 'a', record: { Id: a, Pulse_Health_Score__c: 1 } }], options(clock, { ledger })).catch((e: unknown) => e);
    expect(isQuotaStop(error)).toBe(true);
    expect([...ledger.entries.values()]).toEqual([[...jobs.jobs.keys()][0]]);
  });

  it('splits writes larger than maxUploadBytes into several jobs, each with its own ledger key', async () => {
    const { session, clock } = await start();
    const ids = seed(5);
    const ledger = memoryLedger();
    const results = await writeBulk(session, ids.map((Id) => ({ key: Id, record: { Id, Pulse_Risk_Drivers__c: 'x'.repeat(60) } })), options(clock, { ledger, maxUploadBytes: 200 }));
    expect(results.map((result) => result.ok)).toEqual([true, true, true, true, true]);
    expect(jobs.jobs.size).toBe(3);
    for (const job of jobs.jobs.values()) expect(Buffer.byteLength(job.csv ?? '')).toBeLessThanOrEqual(200);
  });
});

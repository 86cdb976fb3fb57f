import nock from 'nock';
import { createHubspotConnector } from '../../../connectors/crm/hubspot';
import type { RecordHints, TaskWrite } from '../../../src/sync/ports';
import { FAST_RETRIES } from './support';

/** Request shapes of tasks and record resolution, through the real SDK, HTTP answered by nock. */
const BASE = 'https://hubspot.pulse.test';
const at = '2025-01-01T00:00:00Z';
const object = (id: string, properties: Record<string, string | null>) => ({ id, properties, createdAt: at, updatedAt: at, archived: false });
const batch = (results: unknown[], missing: string[] = []) => ({
  status: 'COMPLETE',
  results,
  startedAt: at,
  completedAt: at,
  ...(missing.length > 0 ? { numErrors: 1, errors: [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'not found', context: { ids: missing } }] } : {}),
});
const connect = (options: { matchByDomain?: boolean; createMissingCompanies?: boolean } = {}) =>
  createHubspotConnector({ accessToken: 't', baseUrl: BASE, installationId: 'p', retryPolicy: FAST_RETRIES, ...options });
const task = (key: string, record: string): TaskWrite => ({ key, account_id: `acc-${record}`, record_id: record, subject: `Call ${record}`, body: 'Why', priority: 'high', due_date: '2025-04-08', owner: 'csm@example.com' });
const hint = (account: string, overrides: Partial<RecordHints> = {}): RecordHints => ({ account_id: account, name: account, domain: null, record_id: null, ...overrides });

interface ReadBody { inputs: { id: string }[]; idProperty?: string; properties: string[] }
interface CreateBody { inputs: { properties: Record<string, string>; associations: unknown[] }[] }

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('HubSpot createTasks', () => {
  it('reads the keys first, creates only new ones with the company owner and association 192, and maps a 409 to the existing task', async () => {
    const reads: ReadBody[] = [];
    const creates: CreateBody[] = [];
    nock(BASE)
      .post('/crm/v3/objects/tasks/batch/read', (body: ReadBody) => body.idProperty === 'pulse_task_key')
      .query({ archived: 'false' })
      .reply(207, (_uri, body) => (reads.push(body as ReadBody), batch([object('900', { pulse_task_key: 'k-old' })], ['k-new', 'k-race'])))
      .post('/crm/v3/objects/companies/batch/read')
      .query({ archived: 'false' })
      .reply(200, (_uri, body) => (reads.push(body as ReadBody), batch([object('2', { hubspot_owner_id: '77' }), object('3', { hubspot_owner_id: null })])))
      .post('/crm/v3/objects/tasks/batch/create')
      .reply(409, (_uri, body) => (creates.push(body as CreateBody), { status: 'error', category: 'CONFLICT', message: 'A task with pulse_task_key=k-race already exists. Existing ID: 901' }))
      .post('/crm/v3/objects/tasks/batch/read')
      .query({ archived: 'false' })
      .reply(207, batch([object('901', { pulse_task_key: 'k-race' })], ['k-new']))
      .post('/crm/v3/objects/tasks/batch/create')
      .reply(201, (_uri, body) => (creates.push(body as CreateBody), batch([object('902', { pulse_task_key: 'k-new' })])));

    const results = await (await connect()).createTasks([task('k-old', '1'), task('k-new', '2'), task('k-race', '3')]);
    expect(nock.isDone()).toBe(true);
    expect(results).toEqual([
      { key: 'k-old', ok: true, crm_id: '900' },
      { key: 'k-new', ok: true, crm_id: '902' },
      { key: 'k-race', ok: true, crm_id: '901' },
    ]);
    expect(reads[0]).toEqual({ inputs: [{ id: 'k-old' }, { id: 'k-new' }, { id: 'k-race' }], properties: ['pulse_task_key'], propertiesWithHistory: [], idProperty: 'pulse_task_key' });
    expect(reads[1]?.properties).toContain('hubspot_owner_id');
    expect(creates[0]?.inputs[0]).toEqual({
      properties: {
        pulse_task_key: 'k-new',
        hs_task_subject: 'Call 2',
        hs_task_body: 'Why',
        hs_task_priority: 'HIGH',
        hs_task_status: 'NOT_STARTED',
        hs_task_type: 'TODO',
        hs_timestamp: '2025-04-08T12:00:00.000Z',
        hubspot_owner_id: '77',
      },
      associations: [{ to: { id: '2' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 192 }] }],
    });
    // A company without an owner: the task is left unassigned rather than guessed.
    expect(creates[0]?.inputs[1]?.properties).not.toHaveProperty('hubspot_owner_id');
    expect(creates[1]?.inputs).toHaveLength(1);
  });
});

describe('HubSpot resolveRecords', () => {
  it('matches by company id, then by pulse_account_id, then by one domain; leaves an ambiguous domain unmatched; creates on request', async () => {
    const searches: unknown[] = [];
    nock(BASE)
      .post('/crm/v3/objects/companies/batch/read', (body: ReadBody) => body.idProperty === undefined)
      .query(true)
      .reply(207, batch([object('10', { pulse_account_id: null, hubspot_owner_id: '5' })], ['11']))
      .post('/crm/v3/objects/companies/batch/read', (body: ReadBody) => body.idProperty === 'pulse_account_id')
      .query(true)
      .reply(207, batch([object('20', { pulse_account_id: 'b' })], ['c', 'd', 'e']))
      .post('/crm/v3/objects/companies/search')
      .reply(200, (_uri, body) => {
        searches.push(body);
        return { total: 3, results: [object('30', { domain: 'c.example' }), object('40', { domain: 'd.example' }), object('41', { domain: 'www.d.example' })] };
      })
      .post('/crm/v3/objects/companies/batch/upsert')
      .reply(200, { status: 'COMPLETE', startedAt: at, completedAt: at, results: [{ ...object('50', { pulse_account_id: 'd' }), new: true }, { ...object('51', { pulse_account_id: 'e' }), new: true }] });

    const resolved = await (await connect({ matchByDomain: true, createMissingCompanies: true })).resolveRecords([
      hint('a', { record_id: '10' }),
      hint('b', { record_id: '11' }),
      hint('c', { domain: 'https://www.C.example/pricing' }),
      hint('d', { domain: 'd.example' }),
      hint('e'),
    ]);
    expect(nock.isDone()).toBe(true);
    expect(Object.fromEntries(resolved)).toEqual({ a: '10', b: '20', c: '30', d: '50', e: '51' });
    expect(searches[0]).toMatchObject({ filterGroups: [{ filters: [{ propertyName: 'domain', operator: 'IN', values: ['c.example', 'd.example'] }] }], limit: 200 });
  });

  it('reports an account HubSpot does not hold as unmatched when creating is off', async () => {
    nock(BASE).post('/crm/v3/objects/companies/batch/read').query(true).reply(207, batch([], ['z']));
    const connector = await connect();
    expect(await connector.resolveRecords([hint('z', { domain: 'z.example' })])).toEqual(new Map([['z', null]]));
    expect(connector.apiCalls).toBe(1);
  });
});

import nock from 'nock';
import { describeHubspotSetup, openHubspotLink, setupHubspot } from '../../../connectors/crm/hubspot';
import { hubspotManifests, type HubspotPropertyDefinition } from '../../../src/catalog/hubspot-manifest';
import { isPulseError } from '../../../src/errors';

/** `pulse crm setup --crm hubspot` through the real @hubspot/api-client, HTTP answered by nock. */
const BASE = 'https://hubspot.pulse.test';
const TOKEN = 'fake-hubspot-token-for-tests';
const auth = { reqheaders: { authorization: `Bearer ${TOKEN}` } };
const manifests = hubspotManifests();
/** Short backoffs: nock answers at once. */
const link = () => openHubspotLink({ accessToken: TOKEN, baseUrl: BASE, retryPolicy: { baseMs: 5, capMs: 20 } });
const totalProperties = manifests.reduce((sum, manifest) => sum + manifest.properties.length, 0);

/** A property as HubSpot answers it: the definition plus the fields HubSpot adds. */
function asStored(definition: HubspotPropertyDefinition): Record<string, unknown> {
  return { ...definition, hidden: false, formField: false, displayOrder: -1, hubspotDefined: false, createdAt: '2025-04-01T00:00:00Z' };
}
const hubspotDefined = { name: 'domain', label: 'Company domain name', description: '', groupName: 'companyinformation', type: 'string', fieldType: 'text', options: [], hubspotDefined: true };

/** Answers the reads of one object with `properties` (and the group when `withGroup`). */
function portalHolds(objectType: string, properties: Record<string, unknown>[], withGroup: boolean): void {
  const groups = withGroup ? [{ name: 'consumption_pulse', label: 'Consumption Pulse', displayOrder: -1, archived: false }] : [];
  nock(BASE, auth)
    .get(`/crm/v3/properties/${objectType}/groups`)
    .reply(200, { results: [{ name: 'companyinformation', label: 'Company information', displayOrder: 0, archived: false }, ...groups] });
  nock(BASE, auth).get(`/crm/v3/properties/${objectType}`).query({ archived: 'false' }).reply(200, { results: [hubspotDefined, ...properties] });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('HubSpot setup', () => {
  it('creates the group and every property on a fresh portal, then a second run changes nothing', async () => {
    const createdBodies = new Map<string, Record<string, unknown>[]>();
    for (const manifest of manifests) {
      portalHolds(manifest.objectType, [], false);
      nock(BASE, auth).post(`/crm/v3/properties/${manifest.objectType}/groups`, { name: 'consumption_pulse', label: 'Consumption Pulse' }).reply(201, (_uri, body) => body);
      createdBodies.set(manifest.objectType, []);
      nock(BASE, auth)
        .post(`/crm/v3/properties/${manifest.objectType}`)
        .times(manifest.properties.length)
        .reply(201, (_uri, body) => {
          createdBodies.get(manifest.objectType)?.push(body as Record<string, unknown>);
          return body;
        });
    }
    const client = link();

    const first = await setupHubspot(client);
    expect(nock.pendingMocks()).toEqual([]);
    expect(first.created).toHaveLength(totalProperties + manifests.length);
    expect(first.created).toEqual(expect.arrayContaining(['companies/group:consumption_pulse', 'companies/pulse_account_id', 'companies/pulse_health_tier', 'tasks/pulse_task_key']));
    expect(first).toMatchObject({ updated: [], conflicts: [] });
    const tier = createdBodies.get('companies')?.find((body) => body.name === 'pulse_health_tier');
    expect(tier).toMatchObject({ type: 'enumeration', fieldType: 'select', groupName: 'consumption_pulse' });
    expect(tier?.options).toEqual([
      { label: 'Healthy', value: 'healthy', displayOrder: 0, hidden: false },
      { label: 'Watch', value: 'watch', displayOrder: 1, hidden: false },
      { label: 'At risk', value: 'at_risk', displayOrder: 2, hidden: false },
    ]);
    expect(createdBodies.get('companies')?.find((body) => body.name === 'pulse_account_id')).toMatchObject({ hasUniqueValue: true });
    expect(createdBodies.get('tasks')).toEqual([expect.objectContaining({ name: 'pulse_task_key', hasUniqueValue: true })]);

    // Second run: the portal now answers with what the first run created; any write would find no interceptor and fail.
    for (const manifest of manifests) {
      portalHolds(manifest.objectType, (createdBodies.get(manifest.objectType) ?? []).map((body) => asStored(body as unknown as HubspotPropertyDefinition)), true);
    }
    const second = await setupHubspot(client);
    expect(nock.isDone()).toBe(true);
    expect(second).toEqual({ created: [], updated: [], unchanged: totalProperties + manifests.length, conflicts: [] });
    expect(describeHubspotSetup(second)).toMatch(/^HubSpot: nothing to change/);
  });

  it('reports a property of the wrong type as a conflict, leaves it alone, and updates what may change in place', async () => {
    const stored = manifests.map((manifest) => ({ objectType: manifest.objectType, properties: manifest.properties.map(asStored) }));
    const companies = stored[0]?.properties ?? [];
    const tierIndex = companies.findIndex((property) => property.name === 'pulse_health_tier');
    companies[tierIndex] = { ...companies[tierIndex], type: 'string', fieldType: 'text', options: [] };
    const scoreIndex = companies.findIndex((property) => property.name === 'pulse_health_score');
    companies[scoreIndex] = { ...companies[scoreIndex], label: 'Health (old label)' };
    for (const { objectType, properties } of stored) portalHolds(objectType, properties, true);
    let patched: unknown;
    nock(BASE, auth).patch('/crm/v3/properties/companies/pulse_health_score').reply(200, (_uri, body) => {
      patched = body;
      return { ...companies[scoreIndex], ...(body as object) };
    });

    const report = await setupHubspot(link());
    expect(nock.isDone()).toBe(true);
    expect(report.conflicts).toEqual(['companies/pulse_health_tier: type is string, the catalog needs enumeration']);
    expect(report.updated).toEqual(['companies/pulse_health_score (label)']);
    expect(report.created).toEqual([]);
    expect(patched).toMatchObject({ label: 'Health score' });
    expect(patched).not.toHaveProperty('type');
    const text = describeHubspotSetup(report);
    expect(text).toMatch(/conflict companies\/pulse_health_tier: type is string, the catalog needs enumeration/);
    expect(text).toMatch(/cannot change a property's type in place/);
  });

  it('maps a refused token to CRM_AUTH_FAILED without printing the token', async () => {
    nock(BASE).get('/crm/v3/properties/companies/groups').reply(401, { status: 'error', message: 'Authentication credentials not found', category: 'INVALID_AUTHENTICATION' });
    const error: unknown = await setupHubspot(link()).catch((caught: unknown) => caught);
    expect(isPulseError(error) && error.code).toBe('CRM_AUTH_FAILED');
    expect(String((error as Error).message)).not.toContain(TOKEN);
    expect(nock.isDone()).toBe(true);
  });
});

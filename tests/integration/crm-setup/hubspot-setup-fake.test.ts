import type { Command } from 'commander';
import { hubspotManifests } from '../../../src/catalog/hubspot-manifest';
import { crmSetupCommand } from '../../../src/commands/crm-setup';
import { startFakeHubspot, type FakeHubspot } from '../../support/fake-hubspot';

/**
 * `pulse crm setup --crm hubspot` end to end against the local fake HubSpot, through the real SDK: every
 * setup call goes through the installation's limiter and retry rules, so a busy portal slows setup down
 * instead of ending it.
 */
const manifests = hubspotManifests();
const total = manifests.reduce((sum, manifest) => sum + manifest.properties.length + 1, 0);
let fake: FakeHubspot;
afterEach(() => fake.close());

async function setup(): Promise<{ error: unknown; text: string }> {
  let text = '';
  const command: Command = crmSetupCommand({ HUBSPOT_ACCESS_TOKEN: fake.token, HUBSPOT_BASE_URL: fake.baseUrl }, { write: (chunk: string) => (text += chunk) });
  command.exitOverride();
  const error = await command.parseAsync(['setup', '--crm', 'hubspot'], { from: 'user' }).then(() => undefined, (caught: unknown) => caught);
  return { error, text };
}

/** A 429 of the rolling window on one object and a 503 on the other, for one kind of call. */
function busy(method: string, companies: RegExp, tasks: RegExp): void {
  fake.faults.add({ fault: { kind: 'rate-limit', policyName: 'TEN_SECONDLY_ROLLING' }, method, path: companies, times: 1 });
  fake.faults.add({ fault: { kind: 'status', status: 503 }, method, path: tasks, times: 1 });
}

describe('pulse crm setup --crm hubspot against the fake portal', () => {
  it('creates every group and property on a fresh portal through 429s and 503s, then a second run changes nothing', async () => {
    // A 1-second window, so a 429 costs a second of waiting rather than ten.
    fake = await startFakeHubspot({ pulseProperties: false, limits: { windowMs: 1000 } });
    busy('GET', /^\/crm\/v3\/properties\/companies\/groups$/, /^\/crm\/v3\/properties\/tasks\/groups$/);
    busy('POST', /^\/crm\/v3\/properties\/companies\/groups$/, /^\/crm\/v3\/properties\/tasks\/groups$/);
    busy('GET', /^\/crm\/v3\/properties\/companies$/, /^\/crm\/v3\/properties\/tasks$/);
    busy('POST', /^\/crm\/v3\/properties\/companies$/, /^\/crm\/v3\/properties\/tasks$/);

    const first = await setup();
    expect(first.error).toBeUndefined();
    expect(first.text).toMatch(new RegExp(`^HubSpot: created ${total}, updated 0, unchanged 0`));
    expect(fake.faults.applied.get('rate-limit')).toBe(4);
    expect(fake.faults.applied.get('status 503')).toBe(4);
    for (const manifest of manifests) {
      expect(fake.store.definitions.groups[manifest.objectType].get(manifest.group.name)).toMatchObject(manifest.group);
      for (const definition of manifest.properties) expect(fake.store.definitions.properties[manifest.objectType].get(definition.name)).toMatchObject(definition);
    }

    const writesBefore = (fake.stats.byRoute.get('POST /crm/v3/properties/companies') ?? 0) + (fake.stats.byRoute.get('POST /crm/v3/properties/tasks') ?? 0);
    const second = await setup();
    expect(second.error).toBeUndefined();
    expect(second.text).toBe(`HubSpot: nothing to change (${total} up to date)\n`);
    const writesAfter = (fake.stats.byRoute.get('POST /crm/v3/properties/companies') ?? 0) + (fake.stats.byRoute.get('POST /crm/v3/properties/tasks') ?? 0);
    expect(writesAfter).toBe(writesBefore);
  });

  it('updates a group and a property an admin relabelled, through a 429 and a 503 on the updates', async () => {
    fake = await startFakeHubspot({ limits: { windowMs: 1000 } });
    const companies = manifests.find((manifest) => manifest.objectType === 'companies');
    const property = companies?.properties[0];
    if (companies === undefined || property === undefined) throw new Error('the catalog has no company property');
    const heldGroup = fake.store.definitions.groups.companies.get(companies.group.name);
    const heldProperty = fake.store.definitions.properties.companies.get(property.name);
    if (heldGroup === undefined || heldProperty === undefined) throw new Error('the fake portal lacks the Pulse properties');
    heldGroup.label = 'Renamed by an admin';
    heldProperty.label = 'Renamed too';
    fake.faults.add({ fault: { kind: 'rate-limit', policyName: 'TEN_SECONDLY_ROLLING' }, method: 'PATCH', path: /\/groups\//, times: 1 });
    fake.faults.add({ fault: { kind: 'status', status: 503 }, method: 'PATCH', path: `/crm/v3/properties/companies/${property.name}`, times: 1 });

    const run = await setup();
    expect(run.error).toBeUndefined();
    expect(run.text).toContain(`updated companies/group:${companies.group.name}`);
    expect(run.text).toContain(`updated companies/${property.name} (label)`);
    expect(heldGroup.label).toBe(companies.group.label);
    expect(heldProperty.label).toBe(property.label);
    expect(fake.faults.applied.get('rate-limit')).toBe(1);
    expect(fake.faults.applied.get('status 503')).toBe(1);
    expect((await setup()).text).toMatch(/^HubSpot: nothing to change/);
  });
});

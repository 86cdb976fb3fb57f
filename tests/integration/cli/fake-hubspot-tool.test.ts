import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnTs, waitForLine } from '../../support/child-process';
import { parseFakeHubspotArgs } from '../../../tools/fake-hubspot-args';

const ROOT = join(__dirname, '..', '..', '..');

describe('npm run fake:hubspot', () => {
  it('is a script of package.json that builds, then runs the compiled tool', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['fake:hubspot']).toBe('npm run build --silent && node dist/tools/fake-hubspot.js');
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
    expect(build.include).toContain('tools');
  });

  it('starts a fresh portal with seeded companies, prints the exports, and answers with the token', async () => {
    const child = spawnTs('tools/fake-hubspot.ts', ['--port', '0', '--rate-limit', '50', '--companies', '3'], { cwd: ROOT });
    try {
      const [, baseUrl, token] = await waitForLine(child, /export HUBSPOT_BASE_URL=(http:\/\/127\.0\.0\.1:\d+)\n\s+export HUBSPOT_ACCESS_TOKEN=(\S+)\n/);
      const details = await fetch(`${baseUrl}/account-info/v3/details`, { headers: { authorization: `Bearer ${token}` } });
      expect(details.status).toBe(200);
      expect(await details.json()).toMatchObject({ portalId: 424242 });
      expect(details.headers.get('x-hubspot-ratelimit-max')).toBe('50');
      const refused = await fetch(`${baseUrl}/account-info/v3/details`, { headers: { authorization: 'Bearer wrong' } });
      expect(refused.status).toBe(401);
      // A fresh portal: no Pulse properties yet (`pulse crm setup` makes them), and the seeded companies.
      const properties = (await (await fetch(`${baseUrl}/crm/v3/properties/companies`, { headers: { authorization: `Bearer ${token}` } })).json()) as { results: { name: string }[] };
      expect(properties.results.map((p) => p.name)).toContain('domain');
      expect(properties.results.map((p) => p.name)).not.toContain('pulse_health_score');
      const search = await fetch(`${baseUrl}/crm/v3/objects/companies/search`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ filterGroups: [], properties: ['domain'], limit: 100 }),
      });
      expect(search.status).toBe(200);
      expect(((await search.json()) as { total: number }).total).toBe(3);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('parses --faults into probabilistic 429s, 5xx answers and dropped connections, and refuses nonsense', () => {
    const args = parseFakeHubspotArgs(['--faults', '429=0.05,503=0.03,drop=0.02', '--port', '4555']);
    expect(args.port).toBe(4555);
    expect(args.faults).toEqual([
      { fault: { kind: 'rate-limit', policyName: 'TEN_SECONDLY_ROLLING' }, probability: 0.05 },
      { fault: { kind: 'status', status: 503 }, probability: 0.03 },
      { fault: { kind: 'drop', when: 'before' }, probability: 0.02 },
    ]);
    expect(() => parseFakeHubspotArgs(['--faults', '418=0.1'])).toThrow(/429, a 5xx status or drop/);
    expect(() => parseFakeHubspotArgs(['--faults', '503=2'])).toThrow(/from 0 to 1/);
    expect(() => parseFakeHubspotArgs(['--rate-limit', 'fast'])).toThrow(/whole number/);
    expect(() => parseFakeHubspotArgs(['--nope'])).toThrow(/unknown or incomplete option --nope/);
  });
});

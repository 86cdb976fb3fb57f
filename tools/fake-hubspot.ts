/**
 * `npm run fake:hubspot`: a local HubSpot for trying `pulse crm setup`, `plan` and `sync` without a
 * portal. A fresh portal (HubSpot's own properties only, as a new private app finds it) holding a few
 * companies whose names and domains are the first accounts of the default sample warehouse
 * (`npm start` writes it), so `crm.hubspot.match_by_domain: true` finds them. It runs until Ctrl-C.
 */
import { generateSample } from '../sample-data';
import { startFakeHubspot } from '../tests/support/fake-hubspot';
import { parseFakeHubspotArgs, USAGE } from './fake-hubspot-args';
import { holdFake, startFakeTool } from './hold-fake';

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let args;
  try {
    args = parseFakeHubspotArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`fake-hubspot: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
    return;
  }
  const fake = await startFakeHubspot({ port: args.port, token: args.token, pulseProperties: false, limits: { max: args.rateLimit, windowMs: 10_000 } });
  for (const rule of args.faults) fake.faults.add(rule);
  const seeded: string[] = [];
  // The sample is generated lazily, account by account: only the first few are made.
  for (const { account } of generateSample()) {
    if (seeded.length >= args.companies) break;
    fake.store.seedCompany({ name: account.name ?? account.account_id, domain: account.domain ?? '', hubspot_owner_id: String(7000 + seeded.length) });
    seeded.push(`${account.account_id} ${account.domain}`);
  }
  const faults = args.faults.length > 0 ? process.argv[process.argv.indexOf('--faults') + 1] : 'none';
  holdFake(
    [
      `fake HubSpot listening on ${fake.baseUrl} (portal 424242; ${args.rateLimit} requests per 10 s; faults: ${faults})`,
      `${seeded.length} companies seeded, matched by domain to the sample warehouse's first accounts${seeded.length > 0 ? `: ${seeded[0]}, ...` : ''}`,
      '',
      'In another shell:',
      `  export HUBSPOT_BASE_URL=${fake.baseUrl}`,
      `  export HUBSPOT_ACCESS_TOKEN=${fake.token}`,
    ],
    () => fake.close(),
  );
}

startFakeTool('fake-hubspot', main);

/**
 * `npm run fake:salesforce`: a local Salesforce org for trying `pulse crm setup`, `plan` and `sync --crm salesforce`
 * without an org. By default the Pulse DX project is deployed (the fake cannot take a deploy, so a fresh org could
 * never be synced); `--fresh` starts without it, to see what `pulse crm setup` asks for. It holds Accounts named
 * after the first accounts of the default sample warehouse (`npm start` writes it), matched by
 * Pulse_Account_Id__c. It runs until Ctrl-C. Options: `--port N --accounts N --faults 503=0.05,limit=0.01,drop=0.02
 * --daily-limit N --fresh` (also `FAKE_SALESFORCE_PORT`).
 */
import { generateSample } from '../sample-data';
import type { FaultRule } from '../tests/support/fake-salesforce';
import { startFakeSalesforce } from '../tests/support/fake-salesforce';
import { holdFake, startFakeTool } from './hold-fake';

const USAGE = 'usage: npm run fake:salesforce -- [--port 4020] [--accounts 10] [--faults 503=0.05,limit=0.01,drop=0.02] [--daily-limit 100000] [--fresh]';

interface FakeSalesforceArgs {
  /** @defaultValue FAKE_SALESFORCE_PORT, else 4020 */
  port: number;
  /** Accounts seeded: the first N of the default sample warehouse. @defaultValue 10 */
  accounts: number;
  faults: FaultRule[];
  /** The org's daily API allocation. @defaultValue 100000 */
  dailyLimit: number;
  /** A fresh org: no Pulse fields, no platform event. @defaultValue false */
  fresh: boolean;
}

/** One `kind=probability` of --faults: a 5xx status, limit (the daily allocation spent) or drop (connection closed unanswered). */
function parseFault(spec: string): FaultRule {
  const [kind = '', p = ''] = spec.split('=');
  const probability = Number(p);
  if (p.trim() === '' || !Number.isFinite(probability) || probability < 0 || probability > 1) {
    throw new Error(`--faults ${spec}: the probability after = must be a number from 0 to 1`);
  }
  if (kind === 'limit') return { fault: { kind: 'limit' }, probability };
  if (kind === 'drop') return { fault: { kind: 'drop', when: 'before' }, probability };
  if (/^5\d\d$/.test(kind)) return { fault: { kind: 'status', status: Number(kind) }, probability };
  throw new Error(`--faults ${spec}: the kind before = must be a 5xx status, limit or drop`);
}

function whole(flag: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || n < min || n > max) throw new Error(`${flag} needs a whole number from ${min} to ${max}, got ${String(value)}`);
  return n;
}

function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): FakeSalesforceArgs {
  const port = env.FAKE_SALESFORCE_PORT === undefined ? 4020 : whole('FAKE_SALESFORCE_PORT', env.FAKE_SALESFORCE_PORT, 0, 65535);
  const args: FakeSalesforceArgs = { port, accounts: 10, faults: [], dailyLimit: 100_000, fresh: false };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    if (flag === '--fresh') {
      args.fresh = true;
      continue;
    }
    const value = argv[(i += 1)];
    if (flag === '--port') args.port = whole(flag, value, 0, 65535);
    else if (flag === '--accounts') args.accounts = whole(flag, value, 0, 10_000);
    else if (flag === '--daily-limit') args.dailyLimit = whole(flag, value, 1, 100_000_000);
    else if (flag === '--faults') args.faults = (value ?? '').split(',').filter((s) => s.trim() !== '').map((s) => parseFault(s.trim()));
    else throw new Error(`unknown or incomplete option ${String(flag)}\n${USAGE}`);
  }
  return args;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let args: FakeSalesforceArgs;
  try {
    args = parseArgs(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`fake-salesforce: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
    return;
  }
  const fake = await startFakeSalesforce({ port: args.port, pulseFields: !args.fresh, dailyLimit: args.dailyLimit });
  for (const rule of args.faults) fake.faults.add(rule);
  const seeded: string[] = [];
  // The sample is generated lazily, account by account: only the first few are made.
  for (const { account } of generateSample()) {
    if (seeded.length >= args.accounts) break;
    const name = account.name ?? account.account_id;
    // A fresh org has no Pulse_Account_Id__c yet: its Accounts carry a name only.
    fake.org.seedAccount(args.fresh ? { Name: name } : { Name: name, Pulse_Account_Id__c: account.account_id });
    seeded.push(`${account.account_id} ${name}`);
  }
  const faults = args.faults.length > 0 ? process.argv[process.argv.indexOf('--faults') + 1] : 'none';
  const org = args.fresh ? 'a fresh org: no Pulse fields yet, so `pulse crm setup --crm salesforce` lists them' : 'the Pulse fields deployed';
  holdFake(
    [
      `fake Salesforce listening on ${fake.baseUrl} (${org}; daily API limit ${args.dailyLimit}; faults: ${faults})`,
      `${seeded.length} Accounts seeded${args.fresh ? '' : ', matched by Pulse_Account_Id__c'} to the sample warehouse's first accounts${seeded.length > 0 ? `: ${seeded[0]}, ...` : ''}`,
      '',
      'In another shell:',
      `  export SALESFORCE_INSTANCE_URL=${fake.baseUrl}`,
      `  export SALESFORCE_LOGIN_URL=${fake.baseUrl}`,
      // The fake's own token, valid only against this process: nothing secret.
      `  export SALESFORCE_ACCESS_TOKEN=${fake.accessToken}`,
    ],
    () => fake.close(),
  );
}

startFakeTool('fake-salesforce', main);

/**
 * The options of `npm run fake:hubspot`: `--port N --rate-limit N --faults 429=0.05,503=0.03,drop=0.02
 * --companies N --token T`. Parsed here, apart from the server, so a bad option is a test away.
 */
import type { FaultRule } from '../tests/support/fake-hubspot';

export interface FakeHubspotArgs {
  /** @defaultValue 4010 */
  port: number;
  /** Requests per rolling 10 seconds, as a private app's tier. @defaultValue 100 */
  rateLimit: number;
  faults: FaultRule[];
  /** Companies seeded in the portal: the first N accounts of the default sample warehouse. @defaultValue 10 */
  companies: number;
  /** @defaultValue 'fake-hubspot-token' */
  token: string;
}

export const USAGE =
  'usage: npm run fake:hubspot -- [--port 4010] [--rate-limit 100] [--faults 429=0.05,503=0.03,drop=0.02] [--companies 10] [--token T]';

/** One `kind=probability` of --faults: 429 (HubSpot's rolling-window refusal), any 5xx status, or drop (connection closed unanswered). */
function parseFault(spec: string): FaultRule {
  const [kind = '', p = ''] = spec.split('=');
  const probability = Number(p);
  if (p.trim() === '' || !Number.isFinite(probability) || probability < 0 || probability > 1) {
    throw new Error(`--faults ${spec}: the probability after = must be a number from 0 to 1`);
  }
  if (kind === '429') return { fault: { kind: 'rate-limit', policyName: 'TEN_SECONDLY_ROLLING' }, probability };
  if (kind === 'drop') return { fault: { kind: 'drop', when: 'before' }, probability };
  if (/^5\d\d$/.test(kind)) return { fault: { kind: 'status', status: Number(kind) }, probability };
  throw new Error(`--faults ${spec}: the kind before = must be 429, a 5xx status or drop`);
}

function whole(flag: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || n < min || n > max) throw new Error(`${flag} needs a whole number from ${min} to ${max}, got ${String(value)}`);
  return n;
}

export function parseFakeHubspotArgs(argv: readonly string[]): FakeHubspotArgs {
  const args: FakeHubspotArgs = { port: 4010, rateLimit: 100, faults: [], companies: 10, token: 'fake-hubspot-token' };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--port') args.port = whole(flag, value, 0, 65535);
    else if (flag === '--rate-limit') args.rateLimit = whole(flag, value, 1, 100_000);
    else if (flag === '--companies') args.companies = whole(flag, value, 0, 10_000);
    else if (flag === '--faults') args.faults = (value ?? '').split(',').filter((s) => s.trim() !== '').map((s) => parseFault(s.trim()));
    else if (flag === '--token' && value !== undefined && value !== '') args.token = value;
    else throw new Error(`unknown or incomplete option ${String(flag)}\n${USAGE}`);
  }
  return args;
}

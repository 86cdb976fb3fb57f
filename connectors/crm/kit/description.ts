import { z } from 'zod';
import { PulseError } from '../../../src/errors';

/**
 * A CRM described as data: where it lives, how much it takes per call, how fast it may be called, which
 * headers report its limits, and what each kind of failure means. The kit's limiter, caller and retry
 * decision read only this; a CRM's folder adds code only for what data cannot say (how to capture an
 * SDK's raw answer, how to map a batch answer onto records).
 */

const headerName = z
  .string()
  .min(1)
  // Captured answers carry lower-case header names; a description may spell them as the CRM's docs do.
  .transform((name) => name.toLowerCase());

const positive = z.int().positive();

const window = z.strictObject({
  /** Requests allowed in any window. */
  maxRequests: positive,
  windowMs: positive,
});

/**
 * Which answers a rule matches. `status` lists HTTP statuses, `5xx` (any server error) and `no-response`
 * (the connection dropped, was refused or reset). `codes`, when given, also requires the CRM's own error
 * code (HubSpot's `policyName`, Salesforce's `errorCode`) to be one of them; `header` requires a header
 * (with that value, when given).
 */
const condition = z.strictObject({
  status: z.array(z.union([z.int().min(100).max(599), z.literal('5xx'), z.literal('no-response')])).min(1),
  codes: z.array(z.string().min(1)).min(1).optional(),
  header: z.strictObject({ name: headerName, value: z.string().optional() }).optional(),
});

const retry = z.strictObject({
  /**
   * The period's quota is spent (HubSpot's daily limit): the run stops and resumes later. Checked first,
   * so a rule here wins over a `wait` or `auth` rule on the same status.
   */
  stop: z.array(condition).default([]),
  /** Credentials refused: the run stops, and retrying cannot help. Checked second. */
  auth: z.array(condition).default([]),
  /** A rate window is full: wait for it to pass, then retry; does not use up `maxAttempts`. Checked third. */
  wait: z.array(condition).default([]),
  /** A passing failure (5xx, timeouts, locks, dropped connections): exponential backoff. Checked last. */
  backOff: z.array(condition).default([]),
  /** Attempts for `backOff` answers, the first included. @defaultValue 5 */
  maxAttempts: positive.default(5),
  /** Retries after `wait` answers. @defaultValue 20 */
  maxRateLimitRetries: z.int().nonnegative().default(20),
  /** First backoff. @defaultValue 500 */
  baseMs: positive.default(500),
  /** Longest backoff. @defaultValue 30000 */
  capMs: positive.default(30_000),
  /**
   * After a quota stop with no Retry-After and no CRM hook: how long until the run may resume.
   * @defaultValue 3600000
   */
  quotaResumeAfterMs: positive.default(3_600_000),
});

export const crmDescriptionSchema = z
  .strictObject({
    /** The CRM's name as users read it in messages ("HubSpot"). */
    label: z.string().min(1),
    /** Where the API lives unless configured otherwise (tests and local fakes point elsewhere). */
    baseUrl: z.url().optional(),
    apiVersion: z.string().min(1).optional(),
    /** Records per batch write. */
    batchSize: positive,
    /** Ids per lookup call (a batch read, a SOQL `IN` chunk). */
    lookupSize: positive,
    /** Batch calls one installation runs at once: enough that the rate budget, not latency, bounds throughput. */
    requestsInFlight: positive,
    /** The installation's standard budget (lane `standard`). */
    rateWindow: window,
    /** Endpoints with their own, separate budget (HubSpot search), by lane name. */
    lanes: z.record(z.string().min(1), window).default({}),
    /** Headers that report limits; any may be absent. */
    headers: z
      .strictObject({
        /** Seconds to wait (`Retry-After`). */
        retryAfter: headerName.optional(),
        limitMax: headerName.optional(),
        limitRemaining: headerName.optional(),
        /** The window length in milliseconds. */
        limitIntervalMs: headerName.optional(),
      })
      .default({}),
    retry,
  })
  .refine((description) => !('standard' in description.lanes), { path: ['lanes', 'standard'], message: '`standard` is the rate window itself' });

/** A CRM description as written in its folder (defaults not yet applied). */
export type CrmDescriptionInput = z.input<typeof crmDescriptionSchema>;
/** A parsed description: defaults applied, header names lower-case. */
export type CrmDescription = z.output<typeof crmDescriptionSchema>;
export type RetryRules = CrmDescription['retry'];
export type RetryCondition = RetryRules['stop'][number];
/** The numbers of the retry policy (a test may shorten them). */
export type RetryBudget = Pick<RetryRules, 'maxAttempts' | 'maxRateLimitRetries' | 'baseMs' | 'capMs'>;

/**
 * Parses a CRM description once, at module load: a bad one fails the first import, naming every bad key
 * path, rather than a run halfway through.
 */
export function defineCrm(raw: CrmDescriptionInput): CrmDescription {
  const parsed = crmDescriptionSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const label = typeof raw.label === 'string' && raw.label !== '' ? raw.label : '(unnamed)';
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new PulseError('CONFIG_INVALID', `CRM description ${label} is invalid: ${problems.join('; ')}`, {
    place: parsed.error.issues.map((issue) => issue.path.join('.')).join(', '),
  });
}

import { CrmCaller, type Exchange } from '../../../connectors/crm/kit/caller';
import type { WindowReport } from '../../../connectors/crm/kit/headers';
import type { RateLimiter } from '../../../connectors/crm/kit/limiter';
import { isPulseError } from '../../../src/errors';
import { isQuotaStop } from '../../../src/sync/ports';
import { ACME } from './acme';
import { fakeClock } from './fake-clock';

/** A limiter that records what the caller told it. */
function recordingLimiter(): RateLimiter & { acquired: number; reports: WindowReport[]; saturated: number } {
  const limiter = {
    acquired: 0,
    reports: [] as WindowReport[],
    saturated: 0,
    acquire: () => {
      limiter.acquired += 1;
      return Promise.resolve(() => undefined);
    },
    observe: (report: WindowReport) => void limiter.reports.push(report),
    saturate: () => void (limiter.saturated += 1),
  };
  return limiter;
}

/** Answers one exchange per call, in order. */
function answers<T>(...sequence: Exchange<T>[]): { send: () => Promise<Exchange<T>>; sent: () => number } {
  let index = 0;
  return {
    send: () => {
      const next = sequence[Math.min(index, sequence.length - 1)];
      index += 1;
      if (next === undefined) throw new Error('no answer scripted');
      return Promise.resolve(next);
    },
    sent: () => index,
  };
}

const ok = { kind: 'ok', status: 200, headers: { 'x-acme-quota': '30', 'x-acme-quota-left': '12' }, data: 'done' } as const;
const throttled = { kind: 'refused', status: 503, headers: { 'x-acme-throttled': 'yes' } } as const;
const badGateway = { kind: 'refused', status: 502, headers: {}, message: 'upstream' } as const;

function setup() {
  const limiter = recordingLimiter();
  const clock = fakeClock(Date.parse('2025-05-10T15:30:00Z'));
  const caller = new CrmCaller({ description: ACME, limiters: { standard: limiter }, clock, random: () => 0.5 });
  return { limiter, clock, caller };
}

describe('CrmCaller', () => {
  it('returns the data, one slot per attempt, and follows the limit headers the description names', async () => {
    const { limiter, caller } = setup();
    expect(await caller.call('read', 'standard', answers(ok).send)).toEqual({ ok: true, data: 'done', status: 200 });
    expect(limiter.acquired).toBe(1);
    expect(limiter.reports).toEqual([{ max: 30, remaining: 12, intervalMs: undefined }]);
    expect(caller.calls).toBe(1);
  });

  it('waits out a throttle the description names, saturating the window when no numbers came with it, and counts it', async () => {
    const { limiter, clock, caller } = setup();
    const script = answers<string>(throttled, ok);
    expect((await caller.call('read', 'standard', script.send)).ok).toBe(true);
    expect(script.sent()).toBe(2);
    expect(limiter.saturated).toBe(1);
    expect(clock.sleeps).toEqual([75]);
    expect(caller.rateLimited).toBe(1);
    expect(Object.fromEntries(caller.retries)).toEqual({ 'window-limit': 1 });
  });

  it('returns a retryable failure once the description\'s attempts are spent, and a final one for a rejected request', async () => {
    const { caller } = setup();
    const script = answers<string>(badGateway);
    expect(await caller.call('write', 'standard', script.send)).toEqual({ ok: false, status: 502, code: undefined, message: 'upstream', retryable: true });
    expect(script.sent()).toBe(ACME.retry.maxAttempts);
    const rejected = await caller.call('write', 'standard', answers<string>({ kind: 'refused', status: 422, headers: {}, code: 'BAD_FIELD' }).send);
    expect(rejected).toEqual({ ok: false, status: 422, code: 'BAD_FIELD', message: 'HTTP 422', retryable: false });
    const silent = await new CrmCaller({ description: ACME, limiters: { standard: recordingLimiter() }, clock: fakeClock(), retry: { maxAttempts: 1 } }).call(
      'write',
      'standard',
      answers<string>({ kind: 'no-response', cause: new Error('reset') }).send,
    );
    expect(silent).toEqual({ ok: false, status: undefined, code: undefined, message: 'no response from Acme CRM', retryable: true });
  });

  it('throws a quota stop naming the CRM and the resume time, and every later call throws it without a request', async () => {
    const { caller } = setup();
    const quota = answers<string>({ kind: 'refused', status: 429, headers: {}, code: 'MONTHLY_QUOTA' });
    const error: unknown = await caller.call('write', 'standard', quota.send).catch((caught: unknown) => caught);
    expect(isQuotaStop(error) && error.resumeAt).toBe('2025-05-11T15:30:00.000Z');
    expect((error as Error).message).toMatch(/^Acme CRM's API quota is spent \(at write\)/);
    const later = answers(ok);
    const again: unknown = await caller.call('read', 'standard', later.send).catch((caught: unknown) => caught);
    expect(isQuotaStop(again) && again.resumeAt).toBe('2025-05-11T15:30:00.000Z');
    expect(later.sent()).toBe(0);
    expect(caller.calls).toBe(1);
  });

  it('throws CRM_AUTH_FAILED on the status the description calls auth, naming the CRM and the call', async () => {
    const { caller } = setup();
    const error: unknown = await caller.call('read deals', 'standard', answers<string>({ kind: 'refused', status: 419, headers: {} }).send).catch((caught: unknown) => caught);
    expect(isPulseError(error) && error.code).toBe('CRM_AUTH_FAILED');
    expect((error as Error).message).toBe('Acme CRM refused read deals (HTTP 419): check the access token and its permissions');
  });

  it('refuses a lane the description does not have', async () => {
    const { caller } = setup();
    const error: unknown = await caller.call('search', 'search', answers(ok).send).catch((caught: unknown) => caught);
    expect(isPulseError(error) && error.code).toBe('CRM_REQUEST_FAILED');
    expect((error as Error).message).toContain('no rate lane "search"');
  });

  it('keeps the answer that crossed a CRM-read quota share, then stops every later call without a request', async () => {
    const limiter = recordingLimiter();
    const clock = fakeClock(Date.parse('2025-05-10T15:30:00Z'));
    const spent = (headers: Record<string, string>) => headers['x-acme-quota-left'] === '0';
    const caller = new CrmCaller({ description: ACME, limiters: { standard: limiter }, clock, random: () => 0.5, quotaSpent: spent });
    const first = answers(ok);
    expect(await caller.call('write 1', 'standard', first.send)).toEqual({ ok: true, data: 'done', status: 200 });
    const crossing = answers({ ...ok, headers: { 'x-acme-quota-left': '0' } });
    expect(await caller.call('write 2', 'standard', crossing.send)).toEqual({ ok: true, data: 'done', status: 200 });
    const after = answers(ok);
    const stop = await caller.call('write 3', 'standard', after.send).catch((error: unknown) => error);
    expect(isQuotaStop(stop)).toBe(true);
    expect(after.sent()).toBe(0);
    expect(caller.calls).toBe(2);
    expect(isQuotaStop(stop) && stop.resumeAt).toBe(new Date(Date.parse('2025-05-10T15:30:00Z') + ACME.retry.quotaResumeAfterMs).toISOString());
  });
});

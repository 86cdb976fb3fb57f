/**
 * What a failed run means for its job, in BullMQ's vocabulary. Pure: the processor hands in the error
 * and the time, and carries out the decision (throw UnrecoverableError, rate-limit the queue, delay the
 * job, or let BullMQ retry with backoff).
 */
import { isPulseError } from '../src/errors';
import { isQuotaStop } from '../src/sync/ports';

export type FailureDecision =
  /** Retrying cannot help: the installation needs its admin (the reason is shown in `installations list`). */
  | { kind: 'needs-attention'; reason: string }
  /** The CRM's window is full: the queue waits, no attempt is burned. */
  | { kind: 'rate-limit'; waitMs: number }
  /** Not now, later: a spent daily quota, or another run of this installation in progress. */
  | { kind: 'delay'; untilMs: number; why: string }
  /** Asked to stop (SIGTERM): the job goes back to the queue at once for the next worker. */
  | { kind: 'requeue' }
  /** A passing failure: BullMQ retries with exponential backoff and jitter. */
  | { kind: 'retry' };

/** Errors no retry can fix: refused credentials, a configuration or installation to correct. */
const NEEDS_ATTENTION = new Set(['CRM_AUTH_FAILED', 'CRM_NOT_CONFIGURED', 'CONFIG_INVALID', 'INPUT_INVALID', 'RULES_INVALID', 'WAREHOUSE_URL_INVALID', 'CRM_SCHEMA_MISMATCH']);

/** How long a run waits when another run of its installation holds it. */
export const BUSY_RETRY_MS = 30_000;

export function decideFailure(error: unknown, nowMs: number): FailureDecision {
  if (isQuotaStop(error)) {
    const resumeAt = Date.parse(error.resumeAt);
    return { kind: 'delay', untilMs: Number.isFinite(resumeAt) ? Math.max(resumeAt, nowMs) : nowMs + 3_600_000, why: error.message };
  }
  if (!isPulseError(error)) return { kind: 'retry' };
  if (NEEDS_ATTENTION.has(error.code)) return { kind: 'needs-attention', reason: `${error.code}: ${error.message}` };
  if (error.code === 'SYNC_BUSY') return { kind: 'delay', untilMs: nowMs + BUSY_RETRY_MS, why: error.message };
  if (error.code === 'SYNC_INTERRUPTED') return { kind: 'requeue' };
  if (error.code === 'CRM_RATE_LIMITED') return { kind: 'rate-limit', waitMs: 10_000 };
  return { kind: 'retry' };
}

import { PulseError } from '../../../src/errors';
import type { WriteResult } from '../types';

/**
 * HubSpot's daily limit is spent: the run stops (CRM_RATE_LIMITED) and resumes after `resumeAt`.
 * `partial` holds the results of the inputs of the interrupted call that were settled before the stop,
 * so the engine can record them; everything else it retries next run (every write here is idempotent).
 */
export class HubspotDailyLimitError extends PulseError {
  readonly resumeAt: string;
  partial: WriteResult[] = [];

  constructor(resumeAt: string, place: string) {
    super('CRM_RATE_LIMITED', `HubSpot's daily API limit is spent (at ${place}); the run stopped with its state kept: resume after ${resumeAt}`, {
      place,
    });
    this.resumeAt = resumeAt;
  }
}

export function isHubspotDailyLimit(error: unknown): error is HubspotDailyLimitError {
  return error instanceof HubspotDailyLimitError;
}

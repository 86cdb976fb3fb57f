import type { CrmJobLedger } from '../../../../src/sync/ports';
import { systemClock, type Clock } from '../../kit/clock';

export interface BulkOptions {
  /**
   * Where the job id is kept while the job runs (the state store's, per installation): a restarted run
   * with the same writes polls that job instead of uploading again. @defaultValue none: not resumable
   */
  ledger?: CrmJobLedger;
  /** The first wait between two polls of a job's state. @defaultValue 2000 */
  pollIntervalMs?: number;
  /** Each wait is the last one times this. @defaultValue 1.5 */
  pollBackoff?: number;
  /** The longest wait between two polls. @defaultValue 30000 */
  maxPollIntervalMs?: number;
  /**
   * How long to poll one job before handing every record back as a retryable failure; the job stays in
   * the ledger, so the next run polls it again. @defaultValue 600000 (10 minutes)
   */
  maxWaitMs?: number;
  /** The most CSV bytes one job takes (Bulk API 2.0 takes 100 MB); more writes go to several jobs. @defaultValue 100000000 */
  maxUploadBytes?: number;
  /** Sleeps between polls and the wait deadline (tests pass a fake one). @defaultValue the system clock */
  clock?: Clock;
  /** Fields whose value changes every run for the same work (the sync stamp): left out of the ledger key. @defaultValue none */
  volatileFields?: readonly string[];
}

export interface BulkSettings {
  ledger: CrmJobLedger | undefined;
  pollIntervalMs: number;
  pollBackoff: number;
  maxPollIntervalMs: number;
  maxWaitMs: number;
  maxUploadBytes: number;
  clock: Clock;
  volatileFields: readonly string[];
}

export function bulkSettings(options: BulkOptions): BulkSettings {
  return {
    ledger: options.ledger,
    pollIntervalMs: options.pollIntervalMs ?? 2_000,
    pollBackoff: options.pollBackoff ?? 1.5,
    maxPollIntervalMs: options.maxPollIntervalMs ?? 30_000,
    maxWaitMs: options.maxWaitMs ?? 600_000,
    maxUploadBytes: options.maxUploadBytes ?? 100_000_000,
    clock: options.clock ?? systemClock,
    volatileFields: options.volatileFields ?? [],
  };
}

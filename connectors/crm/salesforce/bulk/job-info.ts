import { z } from 'zod';

/** Bulk API 2.0 ingest job states; a job is done once it is JobComplete, Failed or Aborted. */
export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

export const TERMINAL_STATES: ReadonlySet<string> = new Set<JobState>(['JobComplete', 'Failed', 'Aborted']);

/** The part of Salesforce's job info we read; the state is kept as text, as a newer API may add states. */
export const jobInfo = z.looseObject({
  id: z.string().min(1),
  state: z.string().min(1),
  numberRecordsProcessed: z.number().optional(),
  numberRecordsFailed: z.number().optional(),
  /** Why a job Failed, in Salesforce's words. */
  errorMessage: z.string().nullish(),
});

export type JobInfo = z.infer<typeof jobInfo>;

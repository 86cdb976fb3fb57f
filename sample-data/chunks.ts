/** Walks the accounts of a run in chunks, for writers that load a chunk at a time. */
import { generateAccountInto } from './account';
import { createContext, type SampleContext } from './context';
import { resolveSampleOptions, type SampleOptions } from './options';
import type { SampleTable } from './schema';
import { createScratch, type SampleSink } from './sink';

export interface SampleWriteSummary {
  accounts: number;
  rows: Record<SampleTable, number>;
  /** Wall-clock seconds the write took. */
  seconds: number;
}

export function emptyCounts(): Record<SampleTable, number> {
  return { accounts: 0, usage_daily: 0, active_users_daily: 0, commitments: 0, outcomes_daily: 0, sample_archetypes: 0 };
}

export function sampleContext(options: SampleOptions): SampleContext {
  return createContext(resolveSampleOptions(options));
}

/** Generates accounts [from, to) of the run into `sink`. */
export function generateRange(ctx: SampleContext, from: number, to: number, sink: SampleSink, scratch = createScratch(ctx.days)): void {
  for (let index = from; index < to; index++) generateAccountInto(ctx, index, sink, scratch);
}

import type { PulseConfig } from '../config/config';
import type { CrmConnector } from './ports';
import { firingsFor } from '../pipeline/preview-firings';
import { historyFromFirings, type Rules } from '../playbooks';
import type { ComputedAccount } from '../pipeline/compute-signals';
import { buildChunkPlan, draftChunk, needsRecord } from './plan';
import type { ChunkPlan } from './plan-types';
import { buildSnapshot, historyValues } from './snapshot';
import type { HistorySnapshot, StateReader } from './state';

export type SyncStep =
  | { step: 'resolve'; chunk: number }
  | { step: 'write' | 'tasks' | 'events' | 'record'; batch: number };

export interface PlanOptions {
  asOf: string;
  rules: Rules;
  /** The run's clock, ISO-8601, fixed for the whole run so a replay plans the same values. */
  now: string;
  /** A backfill: owed tasks and events only, no field values (see `DraftContext.backfill`). @defaultValue false */
  backfill?: boolean;
  /** Called before each step; a caller logs progress (tests use it to stop a run at a step). */
  progress?: (step: SyncStep) => void;
  /** Asks a run to stop between write units (the worker's SIGTERM). */
  signal?: AbortSignal;
  /** The configured thresholds: each account's segment's health points and weights make its snapshot. */
  thresholds: PulseConfig['thresholds'];
  /** `PULSE_PUBLIC_URL`: the console_url field points under it; absent, that field is empty. */
  publicUrl?: string;
}

export interface PlannedChunk {
  plan: ChunkPlan;
  read: number;
  /** Every account of the chunk (changed or not, matched or not) as the history keeps it; a run records them. */
  snapshots: HistorySnapshot[];
}

/**
 * Read state → snapshot → evaluate playbooks → draft → resolve record ids → plan, chunk by chunk. The dry run
 * and the real run both iterate this; the run then writes what it yields. Resolving ids is a CRM
 * read, asked only for accounts that have something to write and no id on file.
 */
export async function* planChunks(
  chunks: AsyncIterable<ComputedAccount[]>,
  connector: CrmConnector,
  reader: StateReader,
  options: PlanOptions,
): AsyncGenerator<PlannedChunk> {
  let index = 0;
  for await (const chunk of chunks) {
    const state = await reader.loadChunk(chunk.map((c) => c.account.account_id), options.asOf);
    const snapshots = chunk.map((c) => buildSnapshot(c, options.thresholds, state.weekAgo.get(c.account.account_id) ?? null));
    const firings = firingsFor(chunk, options.rules, historyFromFirings(state.history), options.asOf);
    const extras = new Map(snapshots.map((s) => [s.account_id, historyValues(s, options.publicUrl)]));
    const drafts = draftChunk(
      chunk,
      firings,
      state,
      {
        now: options.now,
        format: (signals, extra) => connector.formatFields(signals, extra),
        recordIdColumn: connector.recordIdColumn,
        backfill: options.backfill,
      },
      extras,
    );
    const unknown = needsRecord(drafts, state);
    let resolved: ReadonlyMap<string, string | null> = new Map();
    if (unknown.length > 0) {
      options.progress?.({ step: 'resolve', chunk: index });
      resolved = await connector.resolveRecords(unknown.map((d) => d.hints));
    }
    index++;
    yield { plan: buildChunkPlan(drafts, state, resolved), read: chunk.length, snapshots };
  }
}

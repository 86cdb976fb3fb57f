/**
 * Where generated rows go. The generator calls these positionally, row by row, so a fast writer
 * can format CSV without building an object per row; `collect.ts` builds objects for callers who
 * want them. For one account, usage / users / outcomes come first (day by day), then its
 * commitments, then its `accounts` row (budgets and targets are sized from the generated usage).
 */
import type { AccountRow, CommitmentRow } from '../src/domain/contract';
import type { ArchetypeName } from './archetype-types';

export interface SampleSink {
  usage(accountId: string, day: string, useCase: string, team: string, units: number, costUsd: number): void;
  activeUsers(accountId: string, day: string, dau: number, mau: number): void;
  outcome(accountId: string, day: string, outcome: string, count: number, valueUsd: number): void;
  commitment(row: CommitmentRow): void;
  account(row: AccountRow, archetype: ArchetypeName): void;
}

/** Per-run buffers, reused for every account so generation allocates almost nothing per day. */
export interface Scratch {
  level: Float64Array;
  dailyCost: Float64Array;
  dailyUnits: Float64Array;
  dailyOutcomes: Float64Array;
}

export function createScratch(days: number): Scratch {
  return { level: new Float64Array(days), dailyCost: new Float64Array(days), dailyUnits: new Float64Array(days), dailyOutcomes: new Float64Array(days) };
}

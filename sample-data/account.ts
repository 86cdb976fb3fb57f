/** One account, end to end: profile, then its rows into the sink in the order sink.ts describes. */
import { planCommitments } from './commitments';
import type { SampleContext } from './context';
import { buildAccountRow } from './account-row';
import { drawProfile } from './profile';
import type { SampleSink, Scratch } from './sink';
import { emitStalledAttempts, emitUsage, fillLevels } from './usage';
import { emitActiveUsers } from './users';

export function generateAccountInto(ctx: SampleContext, index: number, sink: SampleSink, scratch: Scratch): void {
  const profile = drawProfile(ctx, index);
  const firstIdx = fillLevels(ctx, profile, scratch);
  emitUsage(ctx, profile, sink, scratch, firstIdx);
  if (profile.firstUsageAgo === null) emitStalledAttempts(ctx, profile, sink);
  emitActiveUsers(ctx, profile, sink, scratch, firstIdx);
  for (const row of planCommitments(ctx, profile, scratch.dailyCost)) sink.commitment(row);
  sink.account(buildAccountRow(ctx, profile, scratch), profile.archetype.name);
}

/**
 * The object-level API: each account's rows as plain contract rows, one account at a time. An
 * iterator, so memory holds one account (at most a few thousand rows), never the warehouse.
 */
import type { AccountRow, ActiveUsersDailyRow, CommitmentRow, OutcomesDailyRow, UsageDailyRow } from '../src/domain/contract';
import { generateAccountInto } from './account';
import type { ArchetypeName } from './archetype-types';
import { createContext } from './context';
import { resolveSampleOptions, type SampleOptions } from './options';
import { createScratch, type SampleSink } from './sink';

export interface SampleAccount {
  archetype: ArchetypeName;
  account: AccountRow;
  usage: UsageDailyRow[];
  activeUsers: ActiveUsersDailyRow[];
  commitments: CommitmentRow[];
  outcomes: OutcomesDailyRow[];
}

class CollectingSink implements SampleSink {
  usageRows: UsageDailyRow[] = [];
  userRows: ActiveUsersDailyRow[] = [];
  outcomeRows: OutcomesDailyRow[] = [];
  commitmentRows: CommitmentRow[] = [];
  result: SampleAccount | null = null;

  usage(account_id: string, day: string, use_case: string, team: string, units: number, cost_usd: number): void {
    this.usageRows.push({ account_id, day, use_case, team, units, cost_usd });
  }
  activeUsers(account_id: string, day: string, dau: number, mau: number): void {
    this.userRows.push({ account_id, day, dau, mau });
  }
  outcome(account_id: string, day: string, outcome: string, count: number, value_usd: number): void {
    this.outcomeRows.push({ account_id, day, outcome, count, value_usd });
  }
  commitment(row: CommitmentRow): void {
    this.commitmentRows.push(row);
  }
  account(account: AccountRow, archetype: ArchetypeName): void {
    this.result = { archetype, account, usage: this.usageRows, activeUsers: this.userRows, commitments: this.commitmentRows, outcomes: this.outcomeRows };
  }
}

/** Yields every account of the sample in account_id order. */
export function* generateSample(options: SampleOptions = {}): Generator<SampleAccount> {
  const ctx = createContext(resolveSampleOptions(options));
  const scratch = createScratch(ctx.days);
  for (let index = 0; index < ctx.options.accounts; index++) {
    const sink = new CollectingSink();
    generateAccountInto(ctx, index, sink, scratch);
    if (sink.result === null) throw new Error(`account ${index} produced no accounts row`);
    yield sink.result;
  }
}

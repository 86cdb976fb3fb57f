/**
 * A sink that writes rows straight into CSV files, one per table, through ByteWriter: the fast
 * path for DuckDB, which then loads each file with COPY. No object or string is built per row.
 */
import { join } from 'node:path';
import type { AccountRow, CommitmentRow } from '../src/domain/contract';
import type { ArchetypeName } from './archetype-types';
import { ByteWriter } from './byte-writer';
import { tableColumns, type SampleTable } from './schema';
import type { SampleSink } from './sink';

/** In the table's column order, which is the contract's. */
const ACCOUNT_COLUMNS = tableColumns('accounts').map((c) => c.name as keyof AccountRow);

/** Quotes a text field only when it needs it (names never do today, but a CSV must not break). */
function field(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export class CsvChunkSink implements SampleSink {
  readonly files: Record<SampleTable, ByteWriter>;

  constructor(dir: string, chunk: number) {
    const file = (table: SampleTable): ByteWriter => new ByteWriter(join(dir, `${chunk}-${table}.csv`));
    this.files = {
      accounts: file('accounts'),
      usage_daily: file('usage_daily'),
      active_users_daily: file('active_users_daily'),
      commitments: file('commitments'),
      outcomes_daily: file('outcomes_daily'),
      sample_archetypes: file('sample_archetypes'),
    };
  }

  usage(accountId: string, day: string, useCase: string, team: string, units: number, costUsd: number): void {
    const w = this.files.usage_daily;
    w.lead(accountId).comma().text(day).comma().text(useCase).comma().text(team).comma().int(units).comma().money(costUsd).endRow();
  }

  activeUsers(accountId: string, day: string, dau: number, mau: number): void {
    this.files.active_users_daily.lead(accountId).comma().text(day).comma().int(dau).comma().int(mau).endRow();
  }

  outcome(accountId: string, day: string, outcome: string, count: number, valueUsd: number): void {
    this.files.outcomes_daily.lead(accountId).comma().text(day).comma().text(outcome).comma().int(count).comma().money(valueUsd).endRow();
  }

  commitment(row: CommitmentRow): void {
    this.files.commitments.raw(`${row.account_id},${row.period_start},${row.period_end},${row.committed_usd}`).endRow();
  }

  account(row: AccountRow, archetype: ArchetypeName): void {
    this.files.accounts.raw(ACCOUNT_COLUMNS.map((c) => field(row[c])).join(',')).endRow();
    this.files.sample_archetypes.raw(`${row.account_id},${archetype}`).endRow();
  }

  close(): void {
    for (const f of Object.values(this.files)) f.close();
  }
}

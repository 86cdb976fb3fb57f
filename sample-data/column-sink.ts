/**
 * A sink that gathers rows into one array per column, per table: the shape PostgreSQL's
 * `unnest($1::text[], $2::date[], ...)` takes, so a batch of thousands of rows is one statement
 * with a handful of parameters.
 */
import type { AccountRow, CommitmentRow } from '../src/domain/contract';
import type { ArchetypeName } from './archetype-types';
import { SAMPLE_TABLES, tableColumns, type SampleTable } from './schema';
import type { SampleSink } from './sink';

export type ColumnBatch = unknown[][];

const ACCOUNT_COLUMNS = tableColumns('accounts').map((c) => c.name as keyof AccountRow);

export class ColumnSink implements SampleSink {
  readonly batches = {} as Record<SampleTable, ColumnBatch>;

  constructor() {
    this.reset();
  }

  /** Empties every batch. */
  reset(): void {
    for (const table of SAMPLE_TABLES) this.clear(table);
  }

  /** Empties one table's batch, after it was written. */
  clear(table: SampleTable): void {
    this.batches[table] = tableColumns(table).map(() => []);
  }

  rowCount(table: SampleTable): number {
    return this.batches[table][0]?.length ?? 0;
  }

  private push(table: SampleTable, values: readonly unknown[]): void {
    const columns = this.batches[table];
    values.forEach((v, i) => columns[i]?.push(v));
  }

  usage(accountId: string, day: string, useCase: string, team: string, units: number, costUsd: number): void {
    this.push('usage_daily', [accountId, day, useCase, team, units, costUsd]);
  }

  activeUsers(accountId: string, day: string, dau: number, mau: number): void {
    this.push('active_users_daily', [accountId, day, dau, mau]);
  }

  outcome(accountId: string, day: string, outcome: string, count: number, valueUsd: number): void {
    this.push('outcomes_daily', [accountId, day, outcome, count, valueUsd]);
  }

  commitment(row: CommitmentRow): void {
    this.push('commitments', [row.account_id, row.period_start, row.period_end, row.committed_usd]);
  }

  account(row: AccountRow, archetype: ArchetypeName): void {
    this.push('accounts', ACCOUNT_COLUMNS.map((c) => row[c]));
    this.push('sample_archetypes', [row.account_id, archetype]);
  }
}

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { writeDuckDb, writePostgres, type SampleWriteSummary } from '../../sample-data';
import { maskUrl } from '../config/warehouse-url';
import { PulseError } from '../errors';
import { isValidDay } from '../domain/dates';
import { todayUtc } from './common';

interface SampleDataOptions {
  accounts?: number;
  days?: number;
  seed?: number;
  asOf?: string;
  out: string;
  to?: string;
  replace?: boolean;
}

const integer = (name: string) => (value: string) => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`--${name} expects a whole number, got "${value}"`);
  return Number(value);
};

export function sampleDataCommand(): Command {
  return new Command('sample-data')
    .description('write a deterministic, realistic sample warehouse (accounts of every archetype SIGNALS.md exercises)')
    .option('--accounts <n>', 'number of accounts (default 200)', integer('accounts'))
    .option('--days <n>', 'days of history ending at --as-of (default 480, enough for NRR)', integer('days'))
    .option('--seed <n>', 'seed: the same options give the same data (default 1)', integer('seed'))
    .option('--as-of <date>', 'last day of data, YYYY-MM-DD (default: yesterday, UTC)')
    .option('--out <path>', 'DuckDB file to write', '.pulse/warehouse.duckdb')
    .option('--to <postgres-url>', 'load the data into this PostgreSQL database instead of a DuckDB file')
    .option('--replace', 'overwrite an existing DuckDB file, or drop and re-create the sample tables in PostgreSQL')
    .addHelpText(
      'after',
      '\nExamples:\n  pulse sample-data --accounts 500 --seed 7 --out .pulse/big.duckdb\n  pulse sample-data --to postgres://me@localhost:5432/dw',
    )
    .action(async (options: SampleDataOptions) => {
      // Usage dated after today would be rejected by every run as future-dated rows.
      if (options.asOf !== undefined && isValidDay(options.asOf) && options.asOf > todayUtc()) {
        throw new PulseError('INPUT_INVALID', `--as-of ${options.asOf} is in the future (today is ${todayUtc()}, UTC): the sample ends at --as-of`, {
          place: '--as-of',
        });
      }
      const sample = { accounts: options.accounts, days: options.days, seed: options.seed, asOf: options.asOf };
      let summary: SampleWriteSummary;
      let target: string;
      if (options.to !== undefined) {
        target = maskUrl(options.to);
        summary = await writePostgres(options.to, { ...sample, replace: options.replace });
      } else {
        target = options.out;
        mkdirSync(dirname(options.out), { recursive: true });
        summary = await writeDuckDb(options.out, { ...sample, replace: options.replace });
      }
      process.stdout.write(`${describeSample(summary, target)}\n`);
    });
}

export function describeSample(summary: SampleWriteSummary, target: string): string {
  const rows = Object.entries(summary.rows)
    .map(([table, n]) => `${table} ${n.toLocaleString('en-US')}`)
    .join(', ');
  return `sample warehouse written to ${target} in ${summary.seconds.toFixed(1)} s: ${rows}`;
}

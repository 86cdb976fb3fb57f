import { Command, Option } from 'commander';
import { loadConfig } from './config';
import type { Signals } from '../domain/signals';
import { signalsCsvHeader, signalsCsvRow } from '../output/signals-csv';
import { renderSignalsTable } from '../output/signals-table';
import { renderValidationSummary } from '../output/validation-summary';
import { computeSignalsStream, type ComputedAccount } from '../pipeline/compute-signals';
import { formatSignals } from '../signals';
import { PulseError } from '../errors';
import type { ValidationReport } from '../warehouse/validation';
import { fullOption, withKeptFacts } from './kept-facts';
import { asOfOption, parseFormat, resolveAsOf, todayUtc, warehouseOption, withWarehouse } from './common';

const FORMATS = ['table', 'json', 'csv'] as const;

interface SignalsOptions {
  warehouse?: string;
  asOf?: string;
  account?: string;
  format: string;
  full?: boolean;
}

export function signalsCommand(): Command {
  return new Command('signals')
    .description('compute every signal of SIGNALS.md for each account')
    .addOption(warehouseOption())
    .addOption(asOfOption())
    .option('--account <id>', 'only this account (peers are still computed over all accounts)')
    .addOption(new Option('--format <format>', 'table (for a person), json or csv (the public contract)').default('table'))
    .addOption(fullOption())
    .addHelpText(
      'after',
      '\nFirst days are kept in the state store (DATABASE_URL, else .pulse/state), so the next run searches only the days after.\n\n' +
        'Examples:\n  pulse signals --as-of 2024-02-20 --format json > signals.json\n  pulse signals --account acct-00042\n  pulse signals --full',
    )
    .action((options: SignalsOptions) => runSignals(options));
}

async function runSignals(options: SignalsOptions): Promise<void> {
  const format = parseFormat(options.format, FORMATS);
  const config = loadConfig();
  const today = todayUtc();
  const asOf = resolveAsOf(options.asOf, today);
  await withWarehouse(
    config,
    options.warehouse,
    (wh) => withKeptFacts(config, wh, options.full === true, async (kept) => {
      const { report, chunks } = await computeSignalsStream(wh, config, { asOf, today, kept });
      // Rejected rows go to stderr so that json/csv on stdout stay machine-readable.
      const summary = renderValidationSummary(report);
      if (summary) process.stderr.write(`${summary}\n`);
      if (options.account !== undefined) {
        const wanted = options.account;
        const found: Signals[] = [];
        for await (const chunk of chunks) found.push(...chunk.filter((c) => c.account.account_id === wanted).map((c) => c.signals));
        if (found.length === 0) throw noSuchAccount(wanted, report);
        writeSignals(format, found);
        return;
      }
      if (format === 'table') {
        const all: Signals[] = [];
        for await (const chunk of chunks) all.push(...chunk.map((c: ComputedAccount) => c.signals));
        process.stdout.write(`${renderSignalsTable(all)}\n`);
        return;
      }
      // json and csv stream chunk by chunk: memory stays flat however many accounts there are.
      let first = true;
      process.stdout.write(format === 'json' ? '[' : `${signalsCsvHeader()}\n`);
      for await (const chunk of chunks) {
        for (const { signals } of chunk) {
          const row = formatSignals(signals);
          process.stdout.write(format === 'json' ? `${first ? '\n' : ',\n'}${JSON.stringify(row)}` : `${signalsCsvRow(row)}\n`);
          first = false;
        }
      }
      if (format === 'json') process.stdout.write(first ? ']\n' : '\n]\n');
    }),
    { asOf },
  );
}

/** One account's signals (already found), in the chosen format. */
function writeSignals(format: (typeof FORMATS)[number], signals: Signals[]): void {
  if (format === 'table') process.stdout.write(`${renderSignalsTable(signals)}\n`);
  else if (format === 'json') process.stdout.write(`[\n${signals.map((s) => JSON.stringify(formatSignals(s))).join(',\n')}\n]\n`);
  else process.stdout.write(`${signalsCsvHeader()}\n${signals.map((s) => `${signalsCsvRow(formatSignals(s))}\n`).join('')}`);
}

/** `--account` named no computed account: say whether it is absent or its accounts row was rejected. */
function noSuchAccount(id: string, report: ValidationReport): PulseError {
  const rejected = report.rejected.filter((r) => r.model === 'accounts' && r.key === id);
  const why =
    rejected.length > 0
      ? `its accounts row was rejected (${rejected[0]?.reason ?? ''}), so it has no signals; see the rejected rows above`
      : 'the warehouse\'s accounts hold no such account_id';
  return new PulseError('INPUT_INVALID', `no such account ${JSON.stringify(id)}: ${why}`, { place: '--account' });
}

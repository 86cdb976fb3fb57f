/**
 * `pulse history backfill`: the composition root of the history backfill. It finds the installation
 * the way `pulse sync` would (a named one from the store; else the CRM account the configured
 * credentials open), then records past days' snapshots without writing to any CRM.
 */
import { Command, Option } from 'commander';
import { createConnector, crmLabel, type CrmKind } from '../../connectors/crm';
import type { PulseConfig } from '../config/config';
import { PulseError } from '../errors';
import { backfillHistory } from '../sync/backfill-history';
import { openStateStore, type Installation, type NamedInstallation, type StateStore } from '../sync/state';
import { installationOption, resolveAsOf, todayUtc, warehouseOption, withWarehouse } from './common';
import { withCommandConfig } from './installation-config';
import { crmOf, crmOption, DEFAULT_TENANT } from './sync-deps';

/** Two years: the console's longest chart, and a bound on what one command may ask of the warehouse. */
export const MAX_BACKFILL_DAYS = 730;

interface BackfillOptions {
  days: string;
  asOf?: string;
  installation?: string;
  warehouse?: string;
  crm?: CrmKind;
}

export function parseDays(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 1 || n > MAX_BACKFILL_DAYS) {
    throw new PulseError('INPUT_INVALID', `--days "${value}" is not a whole number from 1 to ${MAX_BACKFILL_DAYS}`, { place: '--days' });
  }
  return n;
}

/**
 * The installation whose history is written: never created here, since its identity (the portal or
 * org) is what a sync records; without one there is nothing for the history to belong to.
 */
async function findTarget(store: StateStore, kind: CrmKind, config: PulseConfig, named: NamedInstallation | undefined): Promise<Installation> {
  if (named !== undefined) {
    const found = await store.findInstallation(named.name, named.crm, named.crmAccountId);
    if (found !== null) return found;
  } else {
    // Only to learn which CRM account the credentials open (as pulse sync does); it creates nothing.
    const { connector } = await createConnector(kind, config.crm, { forPlan: true });
    try {
      const found = await store.findInstallation(DEFAULT_TENANT, connector.kind, connector.installationId);
      if (found !== null) return found;
    } finally {
      await connector.close();
    }
  }
  const what = named === undefined ? `${crmLabel(kind)} (the configured credentials' account)` : `installation "${named.name}"`;
  throw new PulseError('SYNC_REFUSED', `${what} has never been synced: run pulse sync once first`, {
    place: named === undefined ? '--crm' : '--installation',
    hint: named === undefined ? 'pulse sync' : `pulse sync --installation ${named.name}`,
  });
}

async function runBackfill(options: BackfillOptions): Promise<void> {
  const now = new Date();
  const today = todayUtc(now);
  const days = parseDays(options.days);
  const asOf = resolveAsOf(options.asOf, today);
  await withCommandConfig(options.installation, async ({ config, installation: named }) => {
    const kind = crmOf(options, config, named);
    const store = await openStateStore(config.state);
    try {
      const installation = await findTarget(store, kind, config, named);
      const result = await withWarehouse(config, options.warehouse, (warehouse) =>
        backfillHistory(
          { config, warehouse, store },
          {
            installationId: installation.id, asOf, days, today,
            onDay: (d) => process.stdout.write(`${d.asOf}: ${d.accounts} accounts recorded${d.rowsRejected > 0 ? ` (${d.rowsRejected} warehouse rows rejected)` : ''}\n`),
          },
        ),
      );
      process.stdout.write(
        `History backfilled for ${crmLabel(installation.crm)} ${installation.crmAccountId}: ${result.days} days to ${asOf}, ${result.snapshots} snapshots recorded; nothing written to the CRM.\n`,
      );
    } finally {
      await store.close();
    }
  });
}

export function historyCommand(): Command {
  const history = new Command('history').description("the signal history the console reads (each account's signals per day)");
  history.addCommand(
    new Command('backfill')
      .description("record past days' signal history from the warehouse, writing nothing to the CRM")
      .addOption(new Option('--days <n>', `how many days, ending on --as-of (1..${MAX_BACKFILL_DAYS})`).makeOptionMandatory())
      .addOption(new Option('--as-of <date>', 'the last day, YYYY-MM-DD (default: yesterday, UTC)'))
      .addOption(installationOption())
      .addOption(warehouseOption())
      .addOption(crmOption('whose installation the history belongs to'))
      .addHelpText(
        'after',
        '\nDays are computed oldest first, so each day\'s 7-day health change reads the day before it a week.\n' +
          'Running it again replaces the same days. The installation must have been synced once (pulse sync).\n\n' +
          'Examples:\n  pulse history backfill --days 90\n  pulse history backfill --days 30 --as-of 2026-11-24 --installation acme',
      )
      .action((options: BackfillOptions) => runBackfill(options)),
  );
  return history;
}

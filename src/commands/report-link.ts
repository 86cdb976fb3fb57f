/**
 * `pulse report-link ACCOUNT_ID [--days 30] [--installation NAME]`: prints the customer report's link for
 * one account, signed and expiring, under PULSE_PUBLIC_URL. The account must have signals recorded by a
 * sync of that installation, so a link never leads to an empty page.
 */
import { Command, Option } from 'commander';
import type { PulseConfig } from '../config/config';
import { parseEncryptionKey } from '../crypto';
import { PulseError } from '../errors';
import { reportSigningKey, reportToken } from '../server/report/report-token';
import { openStateStoreReadOnly, type NamedInstallation, type StateStore } from '../sync/state';
import { loadConfig } from './config';
import { noSuchInstallation } from './installation-config';

function required(config: PulseConfig): { publicUrl: string; key: Buffer } {
  const missing = [...(config.publicUrl === undefined ? ['PULSE_PUBLIC_URL'] : []), ...(config.encryptionKey === undefined ? ['PULSE_ENCRYPTION_KEY'] : [])];
  if (missing.length > 0 || config.publicUrl === undefined || config.encryptionKey === undefined) {
    throw new PulseError('CONFIG_INVALID', `a report link needs ${missing.join(' and ')}: the link is under the public URL and signed with the encryption key`, {
      place: missing.map((name) => `env ${name}`).join(', '),
      hint: 'set them as pulse serve has them, so the link opens there',
    });
  }
  return { publicUrl: config.publicUrl.replace(/\/+$/, ''), key: parseEncryptionKey(config.encryptionKey) };
}

async function installationFor(store: StateStore, name: string | undefined): Promise<NamedInstallation> {
  if (name !== undefined) {
    const named = await store.findInstallationByName(name);
    if (named === null) throw noSuchInstallation(name);
    return named;
  }
  const all = await store.listInstallations();
  if (all.length === 1 && all[0] !== undefined) return all[0];
  throw new PulseError('INPUT_INVALID', all.length === 0 ? 'there is no installation yet: a report shows what a sync of one recorded' : `there are ${all.length} installations: say which with --installation NAME`, {
    place: '--installation',
    hint: 'pulse installations list shows them',
  });
}

function parseDays(text: string): number {
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1 || days > 365) throw new PulseError('INPUT_INVALID', `--days ${text}: expected a whole number of days from 1 to 365`, { place: '--days' });
  return days;
}

export async function reportLink(accountId: string, options: { days: string; installation?: string }, env: NodeJS.ProcessEnv = process.env, now = Date.now()): Promise<string> {
  const days = parseDays(options.days);
  const config = loadConfig(env);
  const { publicUrl, key } = required(config);
  const store = await openStateStoreReadOnly(config.state);
  if (store === null) {
    if (options.installation !== undefined) throw noSuchInstallation(options.installation);
    throw new PulseError('INPUT_INVALID', 'there is no state store yet: a report shows what a sync recorded, so run one first', { place: 'state store' });
  }
  try {
    const installation = await installationFor(store, options.installation);
    if ((await store.latestSnapshot(installation.id, accountId)) === null) {
      throw new PulseError('INPUT_INVALID', `account "${accountId}" has no signals recorded for installation "${installation.name}"`, {
        place: 'ACCOUNT_ID',
        hint: `the id as the warehouse has it (pulse signals lists them); a sync of ${installation.name} records its accounts`,
      });
    }
    const token = reportToken({ installation: installation.name, accountId, expiresAt: now + days * 86_400_000 }, reportSigningKey(key));
    return `${publicUrl}/report/${token}`;
  } finally {
    await store.close();
  }
}

export function reportLinkCommand(): Command {
  return new Command('report-link')
    .description("print a signed link to one account's customer usage report (served by pulse serve), expiring after --days")
    .argument('<account_id>', 'the account id, as the warehouse has it')
    .addOption(new Option('--days <n>', 'how long the link works').default('30'))
    .addOption(new Option('--installation <name>', 'the installation whose signals the report shows (required when there are several)'))
    .addHelpText('after', '\nEnvironment: PULSE_PUBLIC_URL and PULSE_ENCRYPTION_KEY, as pulse serve has them.\n\nExamples:\n  pulse report-link acct-0042\n  pulse report-link acct-0042 --days 7 --installation acme')
    .action(async (accountId: string, options: { days: string; installation?: string }) => {
      process.stdout.write(`${await reportLink(accountId, options)}\n`);
    });
}

/**
 * The state store's side of kept first days (src/warehouse/aggregate/first-days.ts): one row per
 * scope (an installation, or the warehouse `pulse signals` reads) holding every account's days as
 * one JSON text. A run reads them whole at its start and replaces them whole at its end, so one
 * statement each way, whatever the number of accounts; text, not jsonb, because nothing queries
 * inside it and 20,000 accounts' worth would be parsed into jsonb for nothing.
 */
import type { FirstDays, FirstDayKeeper, KeptAccount, KeptFirstDays } from '../../warehouse/aggregate/first-days';
import { PulseError } from '../../errors';
import { str, type SqlClient } from './sql';

/** One account as stored: [account_id, fingerprint, inputs, meaningful, target, reached, roi]. */
type StoredAccount = [string, string, string, ...FirstDays];

function parseAccounts(text: string, scope: string): Map<string, KeptAccount> {
  let rows: StoredAccount[];
  try {
    rows = JSON.parse(text) as StoredAccount[];
  } catch (cause) {
    throw new PulseError('STATE_STORE_FAILED', `the kept first days of ${scope} are not JSON: ${(cause as Error).message}`, {
      place: `first_days ${scope}`,
      hint: 'run with --full to search every first day again and keep them afresh',
      cause,
    });
  }
  return new Map(rows.map(([id, fingerprint, inputs, ...days]) => [id, { fingerprint, inputs, days: days as FirstDays }]));
}

export function sqlFirstDayKeeper(db: SqlClient, scope: string, options: { readOnly?: boolean } = {}): FirstDayKeeper {
  return {
    async load(): Promise<KeptFirstDays | null> {
      const [row] = await db.query('select searched_through, rule, accounts from first_days where scope = $1', [scope]);
      if (!row) return null;
      return { searchedThrough: str(row, 'searched_through'), rule: str(row, 'rule'), accounts: parseAccounts(str(row, 'accounts'), scope) };
    },
    async save(kept: KeptFirstDays): Promise<void> {
      // A plan's store refuses writes: its run searched what it needed and keeps nothing.
      if (options.readOnly === true) return;
      const accounts = JSON.stringify([...kept.accounts].map(([id, a]): StoredAccount => [id, a.fingerprint, a.inputs, ...a.days]));
      await db.query(
        `insert into first_days (scope, searched_through, rule, accounts, kept_at) values ($1, $2, $3, $4, now())
         on conflict (scope) do update set searched_through = excluded.searched_through, rule = excluded.rule,
           accounts = excluded.accounts, kept_at = excluded.kept_at`,
        [scope, kept.searchedThrough, kept.rule, accounts],
      );
    },
  };
}

/** The scope of an installation's syncs and plans. */
export const installationScope = (installationId: number): string => `installation ${installationId}`;

/** The scope of `pulse history backfill`: apart from the syncs', because it walks past days oldest first. */
export const backfillScope = (installationId: number): string => `installation ${installationId} history`;

/** The scope of `pulse signals`: the warehouse it reads (its URL with any password masked). */
export const warehouseScope = (displayUrl: string): string => `warehouse ${displayUrl}`;

import type { CrmValue } from '../ports';
import type { ActionType, FiringTask } from '../../playbooks';
import { addDays } from '../../domain/dates';
import { sqlSignalHistory } from './signal-history';
import { num, str, strOrNull, type SqlClient, type SqlRow } from './sql';
import type { ChunkState, StateReader, StoredFiring } from './types';

const FIRING_COLUMNS = 'f.key, f.account_id, f.playbook, f.action, f.fired_on, f.ordinal, f.fired_at, f.reason, f.record_id, f.task';

export function firingFromRow(row: SqlRow): StoredFiring {
  return {
    key: str(row, 'key'),
    account_id: str(row, 'account_id'),
    playbook: str(row, 'playbook'),
    action: str(row, 'action') as ActionType,
    fired_on: str(row, 'fired_on'),
    ordinal: num(row, 'ordinal'),
    fired_at: str(row, 'fired_at'),
    reason: str(row, 'reason'),
    record_id: strOrNull(row, 'record_id'),
    // jsonb comes back parsed from both pg and PGlite; the engine wrote it from a FiringTask.
    task: (row.task ?? null) as FiringTask | null,
  };
}

export function crmValue(value: unknown): CrmValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new TypeError('state store: field_values.value is not a JSON scalar');
}

/** An `account_fields.fields` map (field → [value, run, when], see migration 9) as field → value. */
export function writtenValues(fields: unknown): Map<string, CrmValue> {
  if (typeof fields !== 'object' || fields === null) throw new TypeError('state store: account_fields.fields is not a JSON object');
  const values = new Map<string, CrmValue>();
  for (const [field, written] of Object.entries(fields)) {
    if (!Array.isArray(written)) throw new TypeError(`state store: account_fields.fields.${field} is not [value, run, when]`);
    values.set(field, crmValue(written[0]));
  }
  return values;
}

/**
 * One chunk's state in seven indexed statements, whatever the chunk size: memory follows the chunk,
 * not the installation's history.
 */
export function sqlReader(db: SqlClient, installationId: number): StateReader {
  return {
    async loadChunk(accountIds, asOf): Promise<ChunkState> {
      const p = [installationId, accountIds] as const;
      const written = new Map<string, Map<string, CrmValue>>();
      for (const row of await db.query('select account_id, fields from account_fields where installation_id = $1 and account_id = any($2::text[])', p)) {
        written.set(str(row, 'account_id'), writtenValues(row.fields));
      }
      const recordIds = new Map<string, string>();
      for (const row of await db.query('select account_id, record_id from record_ids where installation_id = $1 and account_id = any($2::text[])', p)) {
        recordIds.set(str(row, 'account_id'), str(row, 'record_id'));
      }
      // The latest firing on or before as-of, and the earliest after it (only a backfill has one): the cooldown both ways.
      const history = (
        await db.query(
          `(select distinct on (account_id, playbook) account_id, playbook, fired_on from firings
            where installation_id = $1 and account_id = any($2::text[]) and fired_on <= $3
            order by account_id, playbook, fired_on desc)
           union all
           (select distinct on (account_id, playbook) account_id, playbook, fired_on from firings
            where installation_id = $1 and account_id = any($2::text[]) and fired_on > $3
            order by account_id, playbook, fired_on)`,
          [...p, asOf],
        )
      ).map((row) => ({ account_id: str(row, 'account_id'), playbook: str(row, 'playbook'), fired_on: str(row, 'fired_on') }));
      const recordedOnAsOf = new Set(
        (await db.query('select key from firings where installation_id = $1 and account_id = any($2::text[]) and fired_on = $3', [...p, asOf])).map((r) => str(r, 'key')),
      );
      // A task or trigger recorded but never accepted is owed, whatever day it fired: nothing is lost.
      const owed = (
        await db.query(
          `select ${FIRING_COLUMNS} from firings f
           where f.installation_id = $1 and f.account_id = any($2::text[]) and f.action in ('task', 'trigger')
             and not exists (select 1 from written_keys w where w.installation_id = f.installation_id
                             and w.kind = case f.action when 'task' then 'task' else 'event' end and w.key = f.key)
           order by f.account_id, f.fired_on, f.ordinal`,
          p,
        )
      ).map(firingFromRow);
      const latestTrigger = new Map<string, StoredFiring>();
      for (const row of await db.query(
        `select distinct on (f.account_id) ${FIRING_COLUMNS} from firings f
         where f.installation_id = $1 and f.account_id = any($2::text[]) and f.action = 'trigger'
         order by f.account_id, f.fired_on desc, f.ordinal`,
        p,
      )) {
        const firing = firingFromRow(row);
        latestTrigger.set(firing.account_id, firing);
      }
      const weekAgo = await sqlSignalHistory(db).historyOn(installationId, accountIds, addDays(asOf, -7));
      return {
        written,
        recordIds,
        history,
        recordedOnAsOf,
        owedTasks: owed.filter((f) => f.action === 'task'),
        owedEvents: owed.filter((f) => f.action === 'trigger'),
        latestTrigger,
        weekAgo,
      };
    },
  };
}

/** No store yet (first run, or a dry run before any sync): nothing written, nothing fired. */
export const EMPTY_READER: StateReader = {
  loadChunk: async () => ({
    written: new Map(),
    recordIds: new Map(),
    history: [],
    recordedOnAsOf: new Set(),
    owedTasks: [],
    owedEvents: [],
    latestTrigger: new Map(),
    weekAgo: new Map(),
  }),
};

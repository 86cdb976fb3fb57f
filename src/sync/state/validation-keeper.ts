/**
 * The state store's side of kept validation reports (src/warehouse/validation/kept-report.ts): one
 * row per scope, the same scopes as kept first days, read whole at a run's start and replaced whole
 * after its validation. Text, not jsonb: nothing queries inside it.
 */
import { PulseError } from '../../errors';
import type { KeptValidation, ValidationKeeper } from '../../warehouse/validation';
import { str, type SqlClient } from './sql';

function parseModels(text: string, scope: string): KeptValidation['models'] {
  try {
    return JSON.parse(text) as KeptValidation['models'];
  } catch (cause) {
    throw new PulseError('STATE_STORE_FAILED', `the kept validation reports of ${scope} are not JSON: ${(cause as Error).message}`, {
      place: `validation_reports ${scope}`,
      hint: 'run with --full to validate every row again and keep the reports afresh',
      cause,
    });
  }
}

export function sqlValidationKeeper(db: SqlClient, scope: string, options: { readOnly?: boolean } = {}): ValidationKeeper {
  return {
    async load(): Promise<KeptValidation | null> {
      const [row] = await db.query('select through, models from validation_reports where scope = $1', [scope]);
      if (!row) return null;
      return { through: str(row, 'through'), models: parseModels(str(row, 'models'), scope) };
    },
    async save(kept: KeptValidation): Promise<void> {
      // A plan's store refuses writes: its run validated what it needed and keeps nothing.
      if (options.readOnly === true) return;
      await db.query(
        `insert into validation_reports (scope, through, models, kept_at) values ($1, $2, $3, now())
         on conflict (scope) do update set through = excluded.through, models = excluded.models, kept_at = excluded.kept_at`,
        [scope, kept.through, JSON.stringify(kept.models)],
      );
    },
  };
}

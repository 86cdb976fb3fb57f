import { MODELS, type ModelName } from '../../domain/contract';
import { PulseError } from '../../errors';
import type { Dialect } from '../port';
import { planColumn, type Check, type ColumnPlan } from './column-plan';
import { col } from './sql';

/** How one model is read from its source and checked, in one dialect. */
export interface ModelPlan {
  model: ModelName;
  dialect: Dialect;
  columns: ColumnPlan[];
  /** Checks across columns, after every column's own checks. */
  rowChecks: Check[];
  missingOptionalColumns: string[];
  /** The source's column types the plan was built from. */
  sourceTypes: Record<string, string>;
}

export interface PlanModelInput {
  model: ModelName;
  /** `Warehouse.columnTypes` of the model's source. */
  sourceTypes: Record<string, string>;
  dialect: Dialect;
  today: string;
}

/**
 * Plans a model's checks from its source's column types. A missing required column stops the
 * run (no row of the model can be read); a missing nullable one is read as null, so a warehouse
 * without, say, `hubspot_company_id` needs no mapping query just to add an empty column.
 */
export function planModel({ model, sourceTypes, dialect, today }: PlanModelInput): ModelPlan {
  const spec = MODELS[model];
  const typeOf = columnLookup(sourceTypes, dialect);
  const missing = spec.columns.filter((c) => typeOf(c.name) === undefined);
  const missingRequired = missing.filter((c) => !c.nullable).map((c) => c.name);
  if (missingRequired.length > 0) {
    const found = Object.keys(sourceTypes);
    throw new PulseError(
      'WAREHOUSE_MODEL_MISSING',
      `warehouse.models.${model}: the source lacks the column(s) ${missingRequired.join(', ')}; ` +
        `found ${found.length > 0 ? found.join(', ') : 'no columns'}. Rename them in the table, or map the model to a query that selects them.`,
      { place: `warehouse.models.${model}` },
    );
  }
  const columns = spec.columns.map((c) =>
    planColumn({ spec: c, sourceType: typeOf(c.name), dialect, today, pastDate: spec.pastDates.includes(c.name) }),
  );
  const safe = (name: string): string => columns.find((c) => c.spec.name === name)?.safe ?? col('s', name);
  const reversed = `${safe('period_end')} < ${safe('period_start')}`;
  const rowChecks: Check[] = model === 'commitments' ? [{ key: 'period_reversed', cond: reversed, nullable: false, guard: false }] : [];
  return { model, dialect, columns, rowChecks, missingOptionalColumns: missing.map((c) => c.name), sourceTypes };
}

/** DuckDB matches identifiers case-insensitively, so `Units` serves as `units` there; PostgreSQL does not. */
function columnLookup(sourceTypes: Record<string, string>, dialect: Dialect): (name: string) => string | undefined {
  const folded = new Map(Object.entries(sourceTypes).map(([k, v]) => [dialect === 'duckdb' ? k.toLowerCase() : k, v]));
  return (name) => folded.get(name);
}

export function column(plan: ModelPlan, name: string): ColumnPlan {
  const found = plan.columns.find((c) => c.spec.name === name);
  if (!found) throw new Error(`no column ${name} in ${plan.model}`);
  return found;
}

/** The raw relation `s`: the contract's columns as the source holds them (or as text, or null). */
export function rawRelation(plan: ModelPlan, source: string): string {
  const cols = plan.columns.map((c) => `${c.projection} as "${c.spec.name}"`).join(', ');
  return `(select ${cols} from ${source} as pulse_src) as s`;
}

/** Every per-row check of the model in order: each column's conversion and value checks, then cross-column ones. */
export function rowChecks(plan: ModelPlan): Check[] {
  return [...plan.columns.flatMap((c) => [...c.conversion, ...c.value]), ...plan.rowChecks];
}

import { MODELS, type ModelName } from '../domain/contract';
import { PulseError } from '../errors';
import { checkModelQuery, quoteIdentifier } from './identifiers';

/**
 * How a user maps a model onto their warehouse: a table name (`analytics.fct_usage`) or a query
 * (`select ... from analytics.fct_usage`). Unmapped models are read from a table named as the model.
 */
export type ModelMapping = Partial<Record<ModelName, string>>;

/** Resolves the SQL for a model; `tableExists` asks the warehouse's catalog. */
export async function resolveModelSource(
  model: ModelName,
  mapping: ModelMapping,
  schema: string | undefined,
  tableExists: (qualifiedName: string) => Promise<boolean>,
): Promise<string | null> {
  const mapped = mapping[model];
  const place = `warehouse.models.${model}`;
  if (mapped !== undefined && /^\s*(select|with)\b/i.test(mapped)) {
    return `(${checkModelQuery(mapped, place)})`;
  }
  const table = mapped ?? (schema ? `${schema}.${model}` : model);
  const quoted = quoteIdentifier(table, mapped !== undefined ? place : 'warehouse.schema');
  if (await tableExists(table)) return quoted;
  if (MODELS[model].required || mapped !== undefined) {
    throw new PulseError(
      'WAREHOUSE_MODEL_MISSING',
      `${place}: table ${table} not found in the warehouse; create it or map the model to a table or query in pulse.config.yaml`,
      { place },
    );
  }
  return null;
}

/** Splits `schema.table` for catalog lookups; the default schema is the connector's. */
export function splitTableName(name: string, defaultSchema: string): { schema: string; table: string } {
  const parts = name.split('.');
  const table = parts[parts.length - 1] as string;
  const schema = parts.length >= 2 ? (parts[parts.length - 2] as string) : defaultSchema;
  return { schema, table };
}

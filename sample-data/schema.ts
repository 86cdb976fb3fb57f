/**
 * Table definitions for the sample warehouse, derived from the contract in src/domain/contract.ts
 * so the generator writes exactly the models the connectors read, plus `sample_archetypes`, which
 * tells tests (and curious users) what each account was generated to be.
 */
import { MODELS, MODEL_NAMES, type ColumnType, type ModelName } from '../src/domain/contract';

export type SampleTable = ModelName | 'sample_archetypes';

export const SAMPLE_TABLES: readonly SampleTable[] = [...MODEL_NAMES, 'sample_archetypes'];

export interface TableColumn {
  name: string;
  type: ColumnType;
}

export function tableColumns(table: SampleTable): TableColumn[] {
  if (table === 'sample_archetypes') return [{ name: 'account_id', type: 'text' }, { name: 'archetype', type: 'text' }];
  return MODELS[table].columns.map((c) => ({ name: c.name, type: c.type }));
}

const DUCKDB_TYPES: Record<ColumnType, string> = { text: 'VARCHAR', date: 'DATE', integer: 'INTEGER', number: 'DOUBLE' };
const POSTGRES_TYPES: Record<ColumnType, string> = { text: 'text', date: 'date', integer: 'integer', number: 'double precision' };

function createTable(qualifiedName: string, table: SampleTable, types: Record<ColumnType, string>): string {
  const nullable = new Set(table === 'sample_archetypes' ? [] : MODELS[table].columns.filter((c) => c.nullable).map((c) => c.name));
  const cols = tableColumns(table).map((c) => `${c.name} ${types[c.type]}${nullable.has(c.name) ? '' : ' NOT NULL'}`);
  return `CREATE TABLE ${qualifiedName} (${cols.join(', ')})`;
}

export function duckDbCreateTable(table: SampleTable): string {
  return createTable(table, table, DUCKDB_TYPES);
}

export function postgresCreateTable(schema: string, table: SampleTable): string {
  return createTable(`${schema}.${table}`, table, POSTGRES_TYPES);
}

/** The array type each column is sent as in `unnest($1::text[], ...)`. */
export function postgresArrayType(type: ColumnType): string {
  return `${POSTGRES_TYPES[type]}[]`;
}

import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Client } from 'pg';
import { openWarehouse } from '../../connectors/warehouse';
import { openDuckDb, type DuckDbWarehouse } from '../../connectors/warehouse/duckdb';
import type { Warehouse } from '../../src/warehouse/port';
import { MODELS, MODEL_NAMES, type ColumnType, type ModelName } from '../../src/domain/contract';
import { readCsv } from './csv';
import { testDatabaseUrl } from './test-database';
import { parseWarehouseUrl } from '../../src/config/warehouse-url';

export const EXAMPLES_DIR = join(__dirname, '..', 'fixtures', 'signals-examples');

const SQL_TYPE: Record<ColumnType, string> = { text: 'text', date: 'date', integer: 'integer', number: 'double precision' };

function createTableSql(model: ModelName): string {
  const cols = MODELS[model].columns.map((c) => `"${c.name}" ${SQL_TYPE[c.type]}`);
  return `create table ${model} (${cols.join(', ')})`;
}

/**
 * The signal examples as a DuckDB file in `dir`, as a user's warehouse would be; `extraSql` runs after
 * the load (a test's own rows). Returns the file's path.
 */
export async function writeExamplesDuckDb(dir: string, extraSql: readonly string[] = []): Promise<string> {
  const path = join(dir, 'examples.duckdb');
  const wh = await openDuckDb({ path, displayUrl: path, readOnly: false });
  try {
    await loadCsvDirIntoDuckDb(wh.connection);
    for (const sql of extraSql) await wh.connection.run(sql);
  } finally {
    await wh.close();
  }
  return path;
}

/** Loads CSVs named as the models (those present in `dir`) into DuckDB with typed columns. */
export async function loadCsvDirIntoDuckDb(connection: DuckDBConnection, dir = EXAMPLES_DIR, models = MODEL_NAMES): Promise<void> {
  for (const model of models) {
    await connection.run(createTableSql(model));
    const path = join(dir, `${model}.csv`).replace(/'/g, "''");
    await connection.run(`insert into ${model} select * from read_csv('${path}', header = true, columns = ${duckColumns(model)})`);
  }
}

function duckColumns(model: ModelName): string {
  const duckType: Record<ColumnType, string> = { text: 'VARCHAR', date: 'DATE', integer: 'INTEGER', number: 'DOUBLE' };
  return `{${MODELS[model].columns.map((c) => `'${c.name}': '${duckType[c.type]}'`).join(', ')}}`;
}

/** Loads the same CSVs into PostgreSQL, in batches through unnest so a fixture loads in a few statements. */
export async function loadCsvDirIntoPostgres(client: Client, dir = EXAMPLES_DIR, models = MODEL_NAMES): Promise<void> {
  for (const model of models) {
    await client.query(createTableSql(model));
    const columns = MODELS[model].columns;
    const rows = readCsv(join(dir, `${model}.csv`));
    for (let i = 0; i < rows.length; i += 5000) {
      const batch = rows.slice(i, i + 5000);
      const arrays = columns.map((c) => batch.map((r) => r[c.name] ?? null));
      const unnest = columns.map((c, j) => `$${j + 1}::${SQL_TYPE[c.type]}[]`).join(', ');
      await client.query(`insert into ${model} select * from unnest(${unnest})`, arrays);
    }
  }
}

/**
 * The same CSV warehouse in an in-memory DuckDB and in a fresh database of the harness's PostgreSQL,
 * for tests that hold the two engines to the same answer.
 */
export async function openCsvDirInBothEngines(prefix: string, dir = EXAMPLES_DIR): Promise<{ duck: DuckDbWarehouse; pg: Warehouse }> {
  const duck = await openDuckDb({ path: ':memory:', displayUrl: 'duckdb::memory:' });
  await loadCsvDirIntoDuckDb(duck.connection, dir);
  const url = await testDatabaseUrl(prefix);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await loadCsvDirIntoPostgres(client, dir);
  } finally {
    await client.end();
  }
  return { duck, pg: await openWarehouse(parseWarehouseUrl(url)) };
}

/**
 * Writes the sample warehouse into PostgreSQL: tables in a schema of the caller's choosing, rows in
 * batches of `insert ... select * from unnest(...)` (one statement per batch, one array per column),
 * all in one transaction so a failed run leaves nothing behind.
 */
import { Client } from 'pg';
import { isPulseError, PulseError } from '../src/errors';
import { generateAccountInto } from './account';
import { emptyCounts, sampleContext, type SampleWriteSummary } from './chunks';
import { ColumnSink } from './column-sink';
import type { SampleOptions } from './options';
import { postgresArrayType, postgresCreateTable, SAMPLE_TABLES, tableColumns, type SampleTable } from './schema';
import { createScratch } from './sink';

export interface PostgresWriteOptions extends SampleOptions {
  /**
   * Schema that receives the tables; created when missing.
   * @defaultValue 'public'
   */
  schema?: string;
  /**
   * Drop the sample tables first when they exist; without it existing tables are an error.
   * @defaultValue false
   */
  replace?: boolean;
  /**
   * Rows per insert statement.
   * @defaultValue 10000
   */
  batchRows?: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function insertSql(schema: string, table: SampleTable): string {
  const columns = tableColumns(table);
  const arrays = columns.map((c, i) => `$${i + 1}::${postgresArrayType(c.type)}`);
  return `INSERT INTO ${schema}.${table} (${columns.map((c) => c.name).join(', ')}) SELECT * FROM unnest(${arrays.join(', ')})`;
}

/** The sample's tables that already exist in `schema`, in SAMPLE_TABLES order. */
async function sampleTablesIn(client: Client, schema: string): Promise<SampleTable[]> {
  const { rows } = await client.query<{ name: string }>('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1', [schema]);
  const present = new Set(rows.map((r) => r.name));
  return SAMPLE_TABLES.filter((t) => present.has(t));
}

export async function writePostgres(url: string, options: PostgresWriteOptions = {}): Promise<SampleWriteSummary> {
  const started = Date.now();
  const ctx = sampleContext(options);
  const schema = options.schema ?? 'public';
  if (!IDENTIFIER.test(schema)) {
    throw new PulseError('IDENTIFIER_INVALID', `schema must be a lower-case SQL identifier, got ${JSON.stringify(schema)}`, { place: 'schema' });
  }
  const batchRows = options.batchRows ?? 10_000;
  const client = new Client({ connectionString: url });
  const counts = emptyCounts();
  try {
    await client.connect();
  } catch (cause) {
    throw new PulseError('WAREHOUSE_UNAVAILABLE', `cannot connect to PostgreSQL for the sample warehouse: ${String(cause)}`, { cause });
  }
  try {
    // Refused before anything is written: loading into tables that hold data would mix two samples.
    const existing = options.replace === true ? [] : await sampleTablesIn(client, schema);
    if (existing.length > 0) {
      throw new PulseError(
        'SAMPLE_DATA_FAILED',
        `cannot load the sample warehouse: schema ${schema} already holds ${existing.join(', ')}, nothing was written`,
        { place: schema, hint: 'pass --replace to drop and re-create the sample tables' },
      );
    }
    await client.query('BEGIN');
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    for (const table of SAMPLE_TABLES) {
      if (options.replace === true) await client.query(`DROP TABLE IF EXISTS ${schema}.${table}`);
      await client.query(postgresCreateTable(schema, table));
    }
    const sink = new ColumnSink();
    const flush = async (all: boolean): Promise<void> => {
      for (const table of SAMPLE_TABLES) {
        const rows = sink.rowCount(table);
        if (rows === 0 || (!all && rows < batchRows)) continue;
        await client.query(insertSql(schema, table), sink.batches[table]);
        counts[table] += rows;
        sink.clear(table);
      }
    };
    const scratch = createScratch(ctx.days);
    for (let index = 0; index < ctx.options.accounts; index++) {
      generateAccountInto(ctx, index, sink, scratch);
      await flush(false);
    }
    await flush(true);
    await client.query('COMMIT');
  } catch (cause) {
    // The write already failed and that is the error to report; a failed rollback adds nothing
    // (the server discards the transaction when the connection ends just below).
    await client.query('ROLLBACK').catch(() => undefined);
    if (isPulseError(cause)) throw cause;
    throw new PulseError('SAMPLE_DATA_FAILED', `writing the sample warehouse to PostgreSQL failed: ${String(cause)}`, { place: schema, cause });
  } finally {
    await client.end();
  }
  return { accounts: ctx.options.accounts, rows: counts, seconds: (Date.now() - started) / 1000 };
}

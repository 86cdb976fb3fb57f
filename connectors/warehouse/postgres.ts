import { Client, types } from 'pg';
import type { ModelName } from '../../src/domain/contract';
import { PulseError } from '../../src/errors';
import { resolveModelSource, splitTableName, type ModelMapping } from '../../src/warehouse/model-sources';
import type { Row, Warehouse } from '../../src/warehouse/port';

export interface PostgresOptions {
  connectionString: string;
  displayUrl: string;
  mapping?: ModelMapping;
  schema?: string;
}

const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082, TIMESTAMP: 1114, TIMESTAMPTZ: 1184 } as const;

/**
 * Dates stay `YYYY-MM-DD` strings: pg's default turns them into local-time Date objects, which
 * shifts days in any timezone west of UTC. Numerics and bigints become numbers, as in DuckDB.
 */
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === OID.DATE || oid === OID.TIMESTAMP || oid === OID.TIMESTAMPTZ) return (v: string) => v;
    if (oid === OID.NUMERIC || oid === OID.INT8) return (v: string) => Number(v);
    return types.getTypeParser(oid, format);
  },
} as unknown as typeof types;

export async function openPostgres(options: PostgresOptions): Promise<PostgresWarehouse> {
  const client = new Client({ connectionString: options.connectionString, types: typeParsers });
  try {
    await client.connect();
  } catch (error) {
    throw new PulseError('WAREHOUSE_UNAVAILABLE', `cannot connect to PostgreSQL warehouse ${options.displayUrl}: ${(error as Error).message}`, {
      place: 'warehouse.url',
      cause: error,
    });
  }
  return new PostgresWarehouse(client, options);
}

export class PostgresWarehouse implements Warehouse {
  readonly dialect = 'postgres' as const;
  readonly displayUrl: string;
  private cursorSeq = 0;

  constructor(
    /** Exposed for the sample writer and tests that load fixtures. */
    readonly client: Client,
    private readonly options: PostgresOptions,
  ) {
    this.displayUrl = options.displayUrl;
  }

  modelSource(model: ModelName): Promise<string | null> {
    return resolveModelSource(model, this.options.mapping ?? {}, this.options.schema, async (name) => {
      const { schema, table } = splitTableName(name, 'public');
      const rows = await this.all('select 1 from information_schema.tables where table_schema = $1 and table_name = $2', [schema, table]);
      return rows.length > 0;
    });
  }

  /** A server-side cursor in a read-only transaction, so a large result never sits whole in memory. */
  async *stream(sql: string, params: readonly unknown[] = [], chunkSize = 2048): AsyncIterable<Row[]> {
    const cursor = `pulse_cursor_${++this.cursorSeq}`;
    await this.query('begin read only');
    let done = false;
    try {
      await this.query(`declare ${cursor} no scroll cursor for ${sql}`, params, sql);
      for (;;) {
        const rows = await this.query(`fetch forward ${chunkSize} from ${cursor}`);
        if (rows.length === 0) break;
        yield rows;
        if (rows.length < chunkSize) break;
      }
      done = true;
    } finally {
      // A consumer that stops early still releases the cursor and the transaction.
      await this.query(done ? 'commit' : 'rollback');
    }
  }

  all(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.query(sql, params);
  }

  async columnTypes(source: string): Promise<Record<string, string>> {
    const sql = `select * from ${source} as pulse_src limit 0`;
    let fields: { name: string; dataTypeID: number }[];
    try {
      fields = (await this.client.query(sql)).fields;
    } catch (error) {
      throw new PulseError('WAREHOUSE_QUERY_FAILED', `PostgreSQL query failed: ${(error as Error).message}\n  in: ${sql.slice(0, 300)}`, {
        place: this.displayUrl,
        cause: error,
      });
    }
    // format_type names domains and modifiers the way a user wrote them (numeric(12,2), character varying).
    const oids = [...new Set(fields.map((f) => f.dataTypeID))];
    const rows = await this.query('select oid::int as oid, format_type(oid, null) as name from pg_type where oid = any($1)', [oids]);
    const names = new Map(rows.map((r) => [Number(r.oid), String(r.name)]));
    return Object.fromEntries(fields.map((f) => [f.name, names.get(f.dataTypeID) ?? 'unknown']));
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  private async query(sql: string, params: readonly unknown[] = [], shown = sql): Promise<Row[]> {
    try {
      const result = await this.client.query(sql, params as unknown[]);
      return result.rows as Row[];
    } catch (error) {
      throw new PulseError('WAREHOUSE_QUERY_FAILED', `PostgreSQL query failed: ${(error as Error).message}\n  in: ${shown.slice(0, 300)}`, {
        place: this.displayUrl,
        cause: error,
      });
    }
  }
}

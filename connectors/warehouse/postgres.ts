import { Client, types, type QueryConfig, type QueryResult } from 'pg';
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

/**
 * The session is read-only before anything else runs (its first statement sets
 * `default_transaction_read_only`), and each statement runs in a read-only transaction: nothing
 * Pulse sends (a mapped model query, the `limit 0` probe, the validation statements) can write,
 * whatever function a query calls.
 */
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
  try {
    await client.query('set session characteristics as transaction read only');
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new PulseError('WAREHOUSE_UNAVAILABLE', `cannot make the session on PostgreSQL warehouse ${options.displayUrl} read-only: ${(error as Error).message}`, {
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
  /** A read-only transaction is open (a stream's, or a statement's): other statements run inside it. */
  private inTransaction = false;

  constructor(
    /** Exposed for tests. Its session is read-only: writers (the sample writer, fixtures) open their own client. */
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
    const own = !this.inTransaction;
    if (own) await this.begin();
    let done = false;
    let failed = false;
    try {
      await this.query(`declare ${cursor} no scroll cursor for ${sql}`, params, sql);
      for (;;) {
        const rows = await this.query(`fetch forward ${chunkSize} from ${cursor}`);
        if (rows.length === 0) break;
        yield rows;
        if (rows.length < chunkSize) break;
      }
      done = true;
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      // A consumer that stops early still releases the cursor and the transaction.
      if (own) await this.end(done);
      else if (!failed) await this.query(`close ${cursor}`);
    }
  }

  all(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.readOnly(async () => (await this.run(sql, params)).rows as Row[]);
  }

  columnTypes(source: string): Promise<Record<string, string>> {
    return this.readOnly(async () => {
      const { fields } = await this.run(`select * from ${source} as pulse_src limit 0`);
      // format_type names domains and modifiers the way a user wrote them (numeric(12,2), character varying).
      const oids = [...new Set(fields.map((f) => f.dataTypeID))];
      const rows = await this.query('select oid::int as oid, format_type(oid, null) as name from pg_type where oid = any($1)', [oids]);
      const names = new Map(rows.map((r) => [Number(r.oid), String(r.name)]));
      return Object.fromEntries(fields.map((f) => [f.name, names.get(f.dataTypeID) ?? 'unknown']));
    });
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  /**
   * Every statement runs in a read-only transaction of its own (or in the one already open), on top of
   * the read-only session: a function that turns the session default off (`set_config(
   * 'default_transaction_read_only', 'off', false)`) cannot make a later statement writable, and it
   * holds behind a pooler that hands each transaction a different server session.
   */
  private async readOnly<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return work();
    await this.begin();
    let result: T;
    try {
      result = await work();
    } catch (error) {
      // The statement's error is the one to report; a failed rollback adds nothing (the server
      // discards the transaction with the connection).
      await this.end(false).catch(() => undefined);
      throw error;
    }
    await this.end(true);
    return result;
  }

  private async begin(): Promise<void> {
    // Set before the statement is queued: a statement queued meanwhile joins this transaction.
    this.inTransaction = true;
    try {
      await this.query('begin transaction read only');
    } catch (error) {
      this.inTransaction = false;
      throw error;
    }
  }

  private async end(commit: boolean): Promise<void> {
    // Cleared before commit is queued: a statement queued after it opens its own transaction.
    this.inTransaction = false;
    await this.query(commit ? 'commit' : 'rollback');
  }

  private async query(sql: string, params: readonly unknown[] = [], shown = sql): Promise<Row[]> {
    return (await this.run(sql, params, shown)).rows as Row[];
  }

  /**
   * The extended protocol even without parameters: it takes one statement, so a mapped query cannot
   * end the read-only transaction (`...; commit; begin read write; drop ...`) and go on.
   */
  private async run(sql: string, params: readonly unknown[] = [], shown = sql): Promise<QueryResult> {
    try {
      return await this.client.query({ text: sql, values: params as unknown[], queryMode: 'extended' } as QueryConfig);
    } catch (error) {
      throw new PulseError('WAREHOUSE_QUERY_FAILED', `PostgreSQL query failed: ${(error as Error).message}\n  in: ${shown.slice(0, 300)}`, {
        place: this.displayUrl,
        cause: error,
        hint: hintFor(error),
      });
    }
  }
}

/** SQLSTATE read_only_sql_transaction: a statement tried to write. */
const READ_ONLY_SQL_TRANSACTION = '25006';

function hintFor(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (code !== READ_ONLY_SQL_TRANSACTION) return undefined;
  return 'Pulse only reads the warehouse: a mapped model query (warehouse.models), or a function it calls, tried to write';
}

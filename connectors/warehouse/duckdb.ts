import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DuckDBConnection,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBInstance,
  DuckDBTimestampValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { ModelName } from '../../src/domain/contract';
import { PulseError } from '../../src/errors';
import { resolveModelSource, splitTableName, type ModelMapping } from '../../src/warehouse/model-sources';
import type { Row, Warehouse } from '../../src/warehouse/port';

export interface DuckDbOptions {
  /** A file path, or ':memory:' for tests. */
  path: string;
  displayUrl: string;
  mapping?: ModelMapping;
  schema?: string;
  /**
   * Open read-only, with external access disabled and the configuration locked: the sync never
   * writes the warehouse, and a mapped query reads nothing but it. Writers (the sample generator,
   * tests loading CSV fixtures) pass false. An in-memory database is always read-write.
   * @defaultValue true
   */
  readOnly?: boolean;
  /**
   * DuckDB's memory budget (buffer pool and operator state). Above it, sorts, aggregates and joins
   * spill to `tempDirectory` instead of growing the process: the sync's footprint stays flat
   * whatever the warehouse size. A DuckDB size string.
   * @defaultValue '256MB'
   */
  memoryLimit?: string;
  /**
   * Worker threads. Each thread keeps its own partial hash tables, so fewer threads use less memory.
   * @defaultValue DuckDB's own default: the number of cores
   */
  threads?: number;
  /**
   * Keep results without ORDER BY in table order. Off, operators need not buffer rows to restore
   * the order; every statement whose order matters says ORDER BY.
   * @defaultValue false
   */
  preserveInsertionOrder?: boolean;
  /**
   * Where spilled data goes. DuckDB's own default sits beside the database file, which a read-only
   * warehouse may not allow; the OS temp directory always can. One folder per process, so two syncs
   * never share spill files.
   * @defaultValue `<os.tmpdir()>/pulse-duckdb-<pid>`
   */
  tempDirectory?: string;
}

/** The instance settings openDuckDb applies, from the options and their defaults. */
export function duckDbSettings(options: DuckDbOptions): Record<string, string> {
  const inMemory = options.path === ':memory:';
  const settings: Record<string, string> = {
    memory_limit: options.memoryLimit ?? '256MB',
    preserve_insertion_order: String(options.preserveInsertionOrder ?? false),
    temp_directory: options.tempDirectory ?? join(tmpdir(), `pulse-duckdb-${process.pid}`),
  };
  if (options.threads !== undefined) settings.threads = String(options.threads);
  if (!inMemory && options.readOnly !== false) {
    settings.access_mode = 'READ_ONLY';
    // A mapped model query reads the warehouse and nothing else: no local files (read_text,
    // read_csv, glob), no ATTACH, no extension installs. Spilling to temp_directory still works:
    // DuckDB's own temporary files are not external access. Locked, so no statement can SET it back.
    settings.enable_external_access = 'false';
    settings.lock_configuration = 'true';
  }
  return settings;
}

export async function openDuckDb(options: DuckDbOptions): Promise<DuckDbWarehouse> {
  const inMemory = options.path === ':memory:';
  if (!inMemory && options.readOnly !== false && !existsSync(options.path)) {
    throw new PulseError('WAREHOUSE_UNAVAILABLE', `DuckDB warehouse file ${options.path} does not exist`, {
      place: 'warehouse.url',
      hint: 'run `pulse sample-data` to create a sample warehouse there, or point warehouse.url at yours',
    });
  }
  try {
    const instance = await DuckDBInstance.create(options.path, duckDbSettings(options));
    const connection = await instance.connect();
    return new DuckDbWarehouse(instance, connection, options);
  } catch (error) {
    throw new PulseError('WAREHOUSE_UNAVAILABLE', `cannot open DuckDB warehouse ${options.displayUrl}: ${(error as Error).message}`, {
      place: 'warehouse.url',
      cause: error,
    });
  }
}

export class DuckDbWarehouse implements Warehouse {
  readonly dialect = 'duckdb' as const;
  readonly displayUrl: string;

  constructor(
    private readonly instance: DuckDBInstance,
    /** Exposed for the sample writer and tests that load fixtures. */
    readonly connection: DuckDBConnection,
    private readonly options: DuckDbOptions,
  ) {
    this.displayUrl = options.displayUrl;
  }

  modelSource(model: ModelName): Promise<string | null> {
    return resolveModelSource(model, this.options.mapping ?? {}, this.options.schema, async (name) => {
      const { schema, table } = splitTableName(name, 'main');
      const rows = await this.all(
        'select 1 from information_schema.tables where table_schema = $1 and table_name = $2',
        [schema, table],
      );
      return rows.length > 0;
    });
  }

  async *stream(sql: string, params: readonly unknown[] = [], chunkSize = 2048): AsyncIterable<Row[]> {
    const result = await this.run(() => this.connection.stream(sql, params as DuckDBValue[]), sql);
    const names = result.deduplicatedColumnNames();
    let pending: Row[] = [];
    for (;;) {
      const chunk = await this.run(() => result.fetchChunk(), sql);
      if (!chunk || chunk.rowCount === 0) break;
      for (const values of chunk.getRows()) {
        const row: Row = {};
        values.forEach((v, i) => (row[names[i] as string] = toJs(v)));
        pending.push(row);
        if (pending.length === chunkSize) {
          yield pending;
          pending = [];
        }
      }
    }
    if (pending.length > 0) yield pending;
  }

  async all(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    const rows: Row[] = [];
    for await (const chunk of this.stream(sql, params, Number.MAX_SAFE_INTEGER)) rows.push(...chunk);
    return rows;
  }

  async columnTypes(source: string): Promise<Record<string, string>> {
    const sql = `select * from ${source} as pulse_src limit 0`;
    const result = await this.run(() => this.connection.run(sql), sql);
    const names = result.columnNames();
    const types = result.columnTypes();
    return Object.fromEntries(names.map((name, i) => [name, String(types[i])]));
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private async run<T>(fn: () => Promise<T>, sql: string): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw new PulseError('WAREHOUSE_QUERY_FAILED', `DuckDB query failed: ${(error as Error).message}\n  in: ${sql.slice(0, 300)}`, {
        place: this.displayUrl,
        cause: error,
        hint: hintFor(error),
      });
    }
  }
}

/** DuckDB names its error class first (`Permission Error: ...`): the refusals of a locked-down warehouse. */
function hintFor(error: unknown): string | undefined {
  const message = (error as Error).message;
  if (message.startsWith('Permission Error') || message.includes('configuration has been locked')) {
    return 'a mapped model query (warehouse.models) reads only the warehouse\'s own tables: no files, databases or settings';
  }
  return undefined;
}

/** Dates as `YYYY-MM-DD`, decimals and bigints as numbers: the shape the Warehouse interface promises. */
function toJs(value: DuckDBValue): unknown {
  if (value === null) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof DuckDBDateValue) return value.toString();
  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  if (value instanceof DuckDBTimestampValue) return value.toString();
  return value;
}

/**
 * The warehouse port: what the core needs from a warehouse, declared here and implemented by the
 * adapters in `connectors/warehouse/` (DuckDB, PostgreSQL). The warehouse does the heavy
 * aggregation in SQL (`src/warehouse/validation`, `src/warehouse/aggregate`: one SQL text for
 * every engine); this interface only runs read queries and streams their rows.
 */
import type { ModelName } from '../domain/contract';

export type Dialect = 'duckdb' | 'postgres';

export type Row = Record<string, unknown>;

export interface Warehouse {
  readonly dialect: Dialect;
  /** The URL with any password masked, for logs and errors. */
  readonly displayUrl: string;
  /**
   * The SQL that reads a model: the user's mapped query from config wrapped as a subquery,
   * or the table named exactly as the model. Null when the model is absent (optional models only).
   */
  modelSource(model: ModelName): Promise<string | null>;
  /**
   * Runs a read query with positional parameters ($1, $2, ... in both dialects) and yields its rows
   * in chunks of at most `chunkSize`, so a caller's memory does not grow with the result.
   * Values: dates as `YYYY-MM-DD` strings, numerics as JS numbers, bigints as numbers.
   */
  stream(sql: string, params?: readonly unknown[], chunkSize?: number): AsyncIterable<Row[]>;
  /** Runs a read query and returns every row (for small results). */
  all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /**
   * The columns a model source returns (a `modelSource` result), mapped to the warehouse's own
   * type names (DuckDB `DOUBLE`, `VARCHAR`; PostgreSQL `double precision`, `text`). Learned from a
   * `limit 0` query, so no row is read: validation uses it to cast-check only columns that need it.
   */
  columnTypes(source: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

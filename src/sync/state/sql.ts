/**
 * The tiny SQL surface the state store needs, so one set of statements runs on PostgreSQL (`pg`)
 * and on PGlite: positional parameters, rows as plain objects, transactions.
 */
export type SqlParam = string | number | boolean | null | Date | readonly string[] | readonly number[];
export type SqlRow = Record<string, unknown>;

export interface SqlClient {
  query(sql: string, params?: readonly SqlParam[]): Promise<SqlRow[]>;
  /** Several statements without parameters (migrations): PGlite's `query` takes only one. */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction: all of it is committed, or none of it. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * A transaction over a client that has one session (a pg Client, PGlite): BEGIN/COMMIT on the same
 * connection. Nested calls join the outer transaction rather than opening a second one.
 */
export function sessionTransaction(run: SqlClient['query'], exec: SqlClient['exec']): SqlClient['transaction'] {
  let depth = 0;
  return async (fn) => {
    const tx: SqlClient = { query: run, exec, transaction: (inner) => inner(tx), close: async () => undefined };
    if (depth > 0) return fn(tx);
    depth++;
    await run('begin');
    try {
      const result = await fn(tx);
      await run('commit');
      return result;
    } catch (error) {
      await run('rollback');
      throw error;
    } finally {
      depth--;
    }
  };
}

/** A Date from any realm: tests load PGlite outside the Jest sandbox, whose Date is another class. */
function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** Row readers: pg returns bigint as string and PGlite as number; dates as Date in both. */
export function str(row: SqlRow, column: string): string {
  const value = row[column];
  if (isDate(value)) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  throw new TypeError(`state store: column ${column} is ${value === null ? 'null' : typeof value}, expected text`);
}

export function strOrNull(row: SqlRow, column: string): string | null {
  return row[column] === null || row[column] === undefined ? null : str(row, column);
}

export function num(row: SqlRow, column: string): number {
  const value = row[column];
  const n = typeof value === 'number' ? value : typeof value === 'string' || typeof value === 'bigint' ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw new TypeError(`state store: column ${column} is not a number`);
  return n;
}

export function numOrNull(row: SqlRow, column: string): number | null {
  return row[column] === null || row[column] === undefined ? null : num(row, column);
}

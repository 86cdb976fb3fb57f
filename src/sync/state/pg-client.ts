import { Client } from 'pg';
import { sessionTransaction, type SqlClient, type SqlParam, type SqlRow } from './sql';

/**
 * PostgreSQL through one `pg` Client, not a pool: a sync run holds a session-level advisory lock
 * for its installation, which only means something on one connection.
 */
export async function connectPostgres(url: string): Promise<SqlClient> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const query = async (sql: string, params: readonly SqlParam[] = []): Promise<SqlRow[]> => {
    const result = await client.query<SqlRow>(sql, [...params]);
    return result.rows;
  };
  // No parameters: pg uses the simple protocol, which takes several statements.
  const exec = async (sql: string): Promise<void> => {
    await client.query(sql);
  };
  return { query, exec, transaction: sessionTransaction(query, exec), close: () => client.end() };
}

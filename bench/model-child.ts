/** Runs the hand-written model (model-sql.ts) once on a DuckDB file with DuckDB's own defaults and prints its time and rows. */
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { modelSql } from './model-sql';

async function main(): Promise<void> {
  const [path, asOf] = process.argv.slice(2) as [string, string];
  const started = performance.now();
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(modelSql(asOf));
  const rows = reader.getRowObjectsJS().length;
  connection.closeSync();
  instance.closeSync();
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, rows })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});

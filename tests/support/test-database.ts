import { createTestDatabase } from './postgres-server';

/** The harness's PostgreSQL server, with a database of this test file's own. */
export async function testDatabaseUrl(prefix: string): Promise<string> {
  const server = process.env.PULSE_TEST_DATABASE_URL;
  if (!server) throw new Error('PULSE_TEST_DATABASE_URL is not set: run tests through jest (tests/support/global-setup.ts starts PostgreSQL)');
  return createTestDatabase(server, prefix);
}

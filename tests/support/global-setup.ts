import { startPostgres } from './postgres-server';

/**
 * Starts the throwaway services integration tests need, once per `npm test`, and hands their
 * URLs to the test workers through the environment. A URL already set is used as is.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.PULSE_TEST_DATABASE_URL) {
    const pg = await startPostgres();
    process.env.PULSE_TEST_DATABASE_URL = pg.url;
    (globalThis as { __pulseServices?: { stop(): Promise<void> }[] }).__pulseServices = [pg];
  }
}

/**
 * `npm run bench:console -- --accounts 100000 --days 90`
 *
 * Server render time of the console with a large installation in a real PostgreSQL state store: the
 * latest day's snapshot of every account, and `--days` daily readings of each (the 90-day sparklines;
 * the measured account gets 180). Times 20 requests (after a warm-up) of
 *   - /console/accounts, 50 rows, filtered by tier and sorted by this month's forecast (page 3),
 *   - /console/accounts/:id, the account page (spend, burn-down, health and breadth charts),
 * through the running express app on localhost, and prints the medians as ratios of the 200 ms target.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Registry } from 'prom-client';
import { loadConfig } from '../src/commands/config';
import { createApp } from '../src/server/app';
import { openStateStore } from '../src/sync/state';
import { connectPostgres } from '../src/sync/state/pg-client';
import { makeSnapshot } from '../tests/support/snapshots';
import { createTestDatabase, startPostgres } from '../tests/support/postgres-server';

const ADMIN = 'bench-console-admin-token-0123456789';
const AS_OF = '2026-11-24';
const TARGET_MS = 200;
const RUNS = 20;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
  return v;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)] ?? NaN;

/** The readings and snapshots, generated inside PostgreSQL: a JS loop over 9 million rows would time the generator. */
async function fill(url: string, installationId: number, accounts: number, days: number): Promise<void> {
  const db = await connectPostgres(url);
  try {
    const template = JSON.stringify(makeSnapshot({ as_of: AS_OF }));
    const id = `'acc-' || lpad(i::text, 6, '0')`;
    const tiers = `(array['healthy','watch','at_risk'])[i % 3 + 1]`;
    const signals = `(array['none','usage_threshold','rapid_growth','team_spread','commit_early_exhaustion'])[i % 5 + 1]`;
    const coverage = `(array['high_touch','tech_touch','product_led'])[i % 3 + 1]`;
    await db.query(
      `insert into signal_latest (installation_id, account_id, as_of, health_score, health_tier, health_score_change_7d, trend, commit_projected_pct,
         forecast_month_usd, budget_month_usd, expansion_signal, coverage, segment, snapshot)
       select $1, ${id}, $2, i % 100, ${tiers}, (i % 11) - 5, 'stable', 60 + i % 80, 100 + (i::bigint * 7919) % 50000, 90 + (i::bigint * 104729) % 40000,
         ${signals}, ${coverage}, (array['smb','mid_market','enterprise'])[i % 3 + 1],
         jsonb_set(jsonb_set(jsonb_set($3::jsonb, '{account_id}', to_jsonb(${id})), '{signals,account_id}', to_jsonb(${id})), '{signals,health_score}', to_jsonb(i % 100))
       from generate_series(0, $4 - 1) i`,
      [installationId, AS_OF, template, accounts],
    );
    const components = JSON.stringify(makeSnapshot().components);
    await db.query(
      `insert into signal_history (installation_id, account_id, as_of, health_score, health_score_change_7d, health_change_reason, spend_day, use_cases_30d, teams_30d, components)
       select $1, ${id}, to_char($2::date - d, 'YYYY-MM-DD'), (i + d) % 100, (i % 11) - 5, null, 50 + ((i::bigint + d) * 31) % 400, 1 + i % 4, 1 + i % 6, $3::jsonb
       from generate_series(0, $4 - 1) i, generate_series(0, case when i = 123 then 179 else $5 - 1 end) d`,
      [installationId, AS_OF, components, accounts, days],
    );
    await db.query('analyze signal_history; analyze signal_latest');
  } finally {
    await db.close();
  }
}

async function time(base: string, path: string, cookie: string): Promise<number[]> {
  const get = async () => {
    const started = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { cookie } });
    await res.text();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 3; i++) await get();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await get());
  return times;
}

async function main(): Promise<void> {
  const accounts = arg('accounts', 100_000);
  const days = arg('days', 90);
  const postgres = await startPostgres();
  try {
    const url = await createTestDatabase(postgres.url, 'bench_console');
    const store = await openStateStore({ databaseUrl: url, dir: '/nonexistent' });
    try {
      const { id } = await store.addInstallation({ name: 'bench', crm: 'hubspot', crmAccountId: '1', credentials: 'sealed', warehouseUrl: null, configFile: null, schedule: '0 6 * * *' });
      const started = performance.now();
      await fill(url, id, accounts, days);
      const fillSeconds = (performance.now() - started) / 1000;
      const env = { PULSE_ADMIN_TOKEN: ADMIN };
      const app = createApp({ store, queue: null, redis: null, adminToken: ADMIN, logger: pino({ level: 'silent' }), registry: new Registry(), config: loadConfig(env), env });
      const server = app.listen(0, '127.0.0.1');
      await once(server, 'listening');
      try {
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const login = await fetch(`${base}/console/login`, { method: 'POST', body: new URLSearchParams({ token: ADMIN }), redirect: 'manual' });
        const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        const list = await time(base, '/console/accounts?tier=watch&sort=forecast_month_usd&dir=desc&page=3', cookie);
        const account = await time(base, '/console/accounts/acc-000123', cookie);
        const line = (name: string, xs: number[]) =>
          `${name}: median ${median(xs).toFixed(1)} ms (p90 ${p90(xs).toFixed(1)} ms) over ${RUNS} requests = ${(median(xs) / TARGET_MS).toFixed(2)} × the ${TARGET_MS} ms target`;
        process.stdout.write(
          `console render, ${accounts} accounts with ${days} days of readings each (${(accounts * days).toLocaleString('en-US')} rows, filled in ${fillSeconds.toFixed(0)} s), PostgreSQL on this machine\n` +
            `${line('/console/accounts (50 rows, tier filter, sorted by forecast, page 3)', list)}\n` +
            `${line('/console/accounts/:id (180 days of readings, 4 charts)', account)}\n`,
        );
      } finally {
        server.close();
      }
    } finally {
      await store.close();
    }
  } finally {
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:console failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});

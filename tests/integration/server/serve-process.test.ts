/** `pulse serve` as the Procfile runs it: a real process on PORT, ready on the embedded store, stopped by SIGTERM. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished, spawnTs, waitForLine } from '../../support/child-process';
import { freePort } from '../../support/postgres-server';
import { startRedis } from '../../support/redis';

const ROOT = join(__dirname, '..', '..', '..');

describe('pulse serve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-serve-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is the Procfile\'s web process, listens on PORT, answers health and readiness, and stops cleanly on SIGTERM', async () => {
    expect(readFileSync(join(ROOT, 'Procfile'), 'utf8')).toMatch(/^web: node dist\/src\/cli\.js serve$/m);
    const port = await freePort();
    const server = spawnTs('src/cli.ts', ['serve'], { cwd: dir, env: { PORT: String(port), PULSE_STATE_DIR: join(dir, 'state'), PULSE_ADMIN_TOKEN: 'serve-admin-token-0123456789' } });
    const exited = finished(server);
    try {
      await waitForLine(server, new RegExp(`pulse serve listening on port ${port}`));
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ status: 'ok' });
      expect(await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()).toEqual({ status: 'ready' });
      const installations = await fetch(`http://127.0.0.1:${port}/api/installations`, { headers: { authorization: 'Bearer serve-admin-token-0123456789' } });
      expect(await installations.json()).toEqual([]);
    } finally {
      server.kill('SIGTERM');
    }
    const exit = await exited;
    expect(exit.code).toBe(0);
    expect(exit.stdout + exit.stderr).not.toContain('serve-admin-token-0123456789');
  }, 120_000);

  it('with REDIS_URL, probes Redis for readiness and serves the worker\'s metric families beside its own', async () => {
    const redis = await startRedis();
    const port = await freePort();
    const server = spawnTs('src/cli.ts', ['serve'], { cwd: dir, env: { PORT: String(port), PULSE_STATE_DIR: join(dir, 'state-redis'), REDIS_URL: redis.url } });
    const exited = finished(server);
    try {
      await waitForLine(server, new RegExp(`pulse serve listening on port ${port}`));
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/^pulse_queue_jobs\{state="waiting"\} 0$/m);
      expect(metrics).toContain('# TYPE pulse_runs_total counter');
      expect(metrics).toMatch(/^pulse_http_requests_total\{route="\/readyz",status="200"\} 1$/m);
    } finally {
      server.kill('SIGTERM');
    }
    expect((await exited).code).toBe(0);
    await redis.stop();
  }, 120_000);
});

/**
 * The worker's Prometheus metrics (prom-client), one registry per process: runs by status, records
 * written and rejected, CRM calls and rate-limit answers, run duration, and the queue's depth read
 * when scraped. Served on PULSE_METRICS_PORT by the worker (and later by the web process).
 */
import { createServer, type Server } from 'node:http';
import type { Queue } from 'bullmq';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RunCounts } from '../src/sync/state';

export interface WorkerMetrics {
  registry: Registry;
  /** One finished run (any status) of an installation on `crm`. */
  recordRun(crm: string, status: string, seconds: number, counts: RunCounts | null, rateLimited: number): void;
}

export function createWorkerMetrics(queue: Queue): WorkerMetrics {
  const registry = new Registry();
  const runs = new Counter({ name: 'pulse_runs_total', help: 'Sync runs finished, by CRM and status', labelNames: ['crm', 'status'] as const, registers: [registry] });
  const written = new Counter({ name: 'pulse_records_written_total', help: 'Accounts whose every write the CRM accepted', labelNames: ['crm'] as const, registers: [registry] });
  const rejected = new Counter({ name: 'pulse_records_rejected_total', help: 'Rows and records rejected (kept with their reason)', labelNames: ['crm'] as const, registers: [registry] });
  const calls = new Counter({ name: 'pulse_crm_api_calls_total', help: 'HTTP requests made to the CRM, retries included', labelNames: ['crm'] as const, registers: [registry] });
  const limited = new Counter({ name: 'pulse_crm_rate_limited_total', help: 'CRM answers that said a rate limit or quota was reached (429s)', labelNames: ['crm'] as const, registers: [registry] });
  const duration = new Histogram({
    name: 'pulse_run_duration_seconds',
    help: 'Wall time of a sync run',
    labelNames: ['crm'] as const,
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800],
    registers: [registry],
  });
  new Gauge({
    name: 'pulse_queue_jobs',
    help: 'Jobs in the sync queue, by state',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
      for (const [state, count] of Object.entries(counts)) this.set({ state }, count);
    },
  });
  return {
    registry,
    recordRun(crm, status, seconds, counts, rateLimited) {
      runs.inc({ crm, status });
      duration.observe({ crm }, seconds);
      limited.inc({ crm }, rateLimited);
      if (counts === null) return;
      written.inc({ crm }, counts.written);
      rejected.inc({ crm }, counts.rejected + counts.rows_rejected);
      calls.inc({ crm }, counts.api_calls);
    },
  };
}

/** `GET /metrics`, on every interface: the scraper usually runs in another container. */
export async function serveMetrics(registry: Registry, port: number): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  const address = server.address();
  return { server, port: typeof address === 'object' && address !== null ? address.port : port };
}

/**
 * Keeps the queue's job schedulers in step with the installations: one scheduler per active
 * installation, firing a `tick` on its cron; none for a paused one or one that needs attention.
 * The worker reconciles at start and every minute, so `pulse installations add|pause|resume|remove`
 * need no Redis of their own.
 */
import type { Queue } from 'bullmq';

export interface ScheduledInstallation {
  name: string;
  schedule: string;
  status: 'active' | 'paused' | 'needs_attention';
}

const PREFIX = 'schedule.';

export function schedulerId(installation: string): string {
  return `${PREFIX}${installation}`;
}

/** Upserts the schedulers of active installations and removes every other Pulse scheduler. Returns the active names. */
export async function reconcileSchedules(queue: Queue, installations: readonly ScheduledInstallation[]): Promise<string[]> {
  const active = installations.filter((installation) => installation.status === 'active');
  for (const installation of active) {
    await queue.upsertJobScheduler(schedulerId(installation.name), { pattern: installation.schedule, tz: 'UTC' }, { name: 'tick', data: { installation: installation.name } });
  }
  const wanted = new Set(active.map((installation) => schedulerId(installation.name)));
  for (const scheduler of await queue.getJobSchedulers()) {
    if (scheduler.key.startsWith(PREFIX) && !wanted.has(scheduler.key)) await queue.removeJobScheduler(scheduler.key);
  }
  return active.map((installation) => installation.name);
}

/** Stops an installation's schedule at once (it needs attention); the next reconcile agrees. */
export async function unschedule(queue: Queue, installation: string): Promise<void> {
  await queue.removeJobScheduler(schedulerId(installation));
}

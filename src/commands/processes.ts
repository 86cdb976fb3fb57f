import { Command } from 'commander';
import { PulseError } from '../errors';

/** The Procfile's processes. They exist so the Procfile is valid; the issues that build them replace these. */
export function processCommands(): Command[] {
  const web = new Command('web')
    .description('run the web process: OAuth installs, webhooks, health, metrics, console (not yet implemented)')
    .action(() => {
      throw new PulseError('NOT_IMPLEMENTED', 'pulse web: not yet implemented');
    });
  const worker = new Command('worker')
    .description('run the worker process: BullMQ processors and the scheduler (not yet implemented)')
    .action(() => {
      throw new PulseError('NOT_IMPLEMENTED', 'pulse worker: not yet implemented');
    });
  return [web, worker];
}

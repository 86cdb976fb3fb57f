import { Command } from 'commander';
import { PulseError } from '../errors';

/** The Procfile's web process: it exists so the Procfile is valid; the issue that builds it replaces this. */
export function processCommands(): Command[] {
  const web = new Command('web')
    .description('run the web process: OAuth installs, webhooks, health, metrics, console (not yet implemented)')
    .action(() => {
      throw new PulseError('NOT_IMPLEMENTED', 'pulse web: not yet implemented');
    });
  return [web];
}

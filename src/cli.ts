#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { configCommand } from './commands/config-check';
import { crmSetupCommand } from './commands/crm-setup';
import { demoCommand } from './commands/demo';
import { enqueueCommand } from './commands/enqueue';
import { historyCommand } from './commands/history';
import { installationsCommand } from './commands/installations';
import { manifestsCommand } from './commands/manifests';
import { planCommand } from './commands/plan';
import { playbooksCommand } from './commands/playbooks';
import { reportCommand } from './commands/report';
import { reportLinkCommand } from './commands/report-link';
import { runsCommand } from './commands/runs';
import { serveCommand } from './commands/serve';
import { sampleDataCommand } from './commands/sample-data';
import { signalsCommand } from './commands/signals';
import { syncCommand } from './commands/sync';
import { workerCommand } from './commands/worker';
import { formatPulseError, isPulseError } from './errors';

export function buildCli(): Command {
  const program = new Command('pulse')
    .description('Consumption Pulse: usage signals from your warehouse, synced into HubSpot and Salesforce')
    .showHelpAfterError()
    .enablePositionalOptions();
  for (const command of [
    demoCommand(),
    sampleDataCommand(),
    configCommand(),
    signalsCommand(),
    reportCommand(),
    reportLinkCommand(),
    playbooksCommand(),
    manifestsCommand(),
    crmSetupCommand(),
    planCommand(),
    syncCommand(),
    runsCommand(),
    historyCommand(),
    installationsCommand(),
    enqueueCommand(),
    workerCommand(),
    serveCommand(),
  ]) {
    program.addCommand(command);
  }
  // Commander would call process.exit on a usage error or --help; throwing instead lets main()
  // return the exit code, so tests and embedders run the CLI in-process.
  const override = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.commands.forEach(override);
  };
  override(program);
  return program;
}

/** A PulseError is the user's problem to fix: print it plainly. Anything else is a bug: show the stack. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildCli().parseAsync(argv);
    return 0;
  } catch (error) {
    // Commander has already printed its usage message or the help text.
    if (error instanceof CommanderError) return error.exitCode;
    if (isPulseError(error)) {
      process.stderr.write(formatPulseError(error));
      return error.code === 'NOT_IMPLEMENTED' ? 3 : 1;
    }
    process.stderr.write(`pulse: unexpected error\n${(error as Error).stack ?? String(error)}\n`);
    return 70;
  }
}

/**
 * A reader that closed its end (`pulse signals | head -3`) has all the output it wants: end the
 * command at once and quietly, as a command killed by SIGPIPE would, instead of an unhandled EPIPE.
 * Other output errors (a full disk) stay loud.
 */
function endQuietlyOnClosedOutput(stream: NodeJS.WriteStream, exit: (code: number) => void): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') exit(0);
    else throw error;
  });
}

if (require.main === module) {
  endQuietlyOnClosedOutput(process.stdout, (code) => process.exit(code));
  void main(process.argv).then((code) => {
    process.exitCode = code;
  });
}

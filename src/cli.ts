#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { formatPulseError, isPulseError } from './errors';

/**
 * Every command, in the order help lists them, each loaded only when it runs: `pulse signals` does not
 * load the CRM clients, the web server or the worker (their modules cost more to load than small runs take).
 */
const COMMANDS: readonly (readonly [name: string, load: () => Promise<Command>])[] = [
  ['demo', async () => (await import('./commands/demo')).demoCommand()],
  ['sample-data', async () => (await import('./commands/sample-data')).sampleDataCommand()],
  ['config', async () => (await import('./commands/config-check')).configCommand()],
  ['signals', async () => (await import('./commands/signals')).signalsCommand()],
  ['report', async () => (await import('./commands/report')).reportCommand()],
  ['report-link', async () => (await import('./commands/report-link')).reportLinkCommand()],
  ['playbooks', async () => (await import('./commands/playbooks')).playbooksCommand()],
  ['manifests', async () => (await import('./commands/manifests')).manifestsCommand()],
  ['crm', async () => (await import('./commands/crm-setup')).crmSetupCommand()],
  ['plan', async () => (await import('./commands/plan')).planCommand()],
  ['sync', async () => (await import('./commands/sync')).syncCommand()],
  ['runs', async () => (await import('./commands/runs')).runsCommand()],
  ['history', async () => (await import('./commands/history')).historyCommand()],
  ['installations', async () => (await import('./commands/installations')).installationsCommand()],
  ['enqueue', async () => (await import('./commands/enqueue')).enqueueCommand()],
  ['worker', async () => (await import('./commands/worker')).workerCommand()],
  ['serve', async () => (await import('./commands/serve')).serveCommand()],
];

/** The CLI with the command `argv` names, or every command when it names none it knows (help, a typo). */
export async function buildCli(argv: readonly string[]): Promise<Command> {
  const program = new Command('pulse')
    .description('Consumption Pulse: usage signals from your warehouse, synced into HubSpot and Salesforce')
    .showHelpAfterError()
    .enablePositionalOptions();
  const named = argv.slice(2).find((arg) => !arg.startsWith('-'));
  const chosen = COMMANDS.filter(([name]) => name === named);
  for (const [name, load] of chosen.length > 0 ? chosen : COMMANDS) {
    const command = await load();
    if (command.name() !== name) throw new Error(`cli: command ${name} is registered as ${command.name()}`);
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
    await (await buildCli(argv)).parseAsync(argv);
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

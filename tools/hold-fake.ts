/** What both local fakes (`npm run fake:hubspot`, `npm run fake:salesforce`) do once started. */

/** Prints how to use the running fake, then keeps it until Ctrl-C (or SIGTERM) closes it. */
export function holdFake(lines: readonly string[], close: () => Promise<void>): void {
  process.stdout.write([...lines, '', 'Ctrl-C stops it (it lives in memory only).', ''].join('\n'));
  const stop = () => {
    void close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Runs a fake's start; a failure (a port in use is the usual one) is one line, not a stack. */
export function startFakeTool(name: string, start: () => Promise<void>): void {
  start().catch((error: unknown) => {
    process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}

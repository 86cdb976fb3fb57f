import { main } from '../../src/cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `pulse ...` in-process with its output captured, in `cwd` and with `env` added to the
 * environment, so a test sees exactly what a user would.
 */
export async function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  const writeErr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  const previousCwd = process.cwd();
  const previousEnv = { ...process.env };
  try {
    if (options.cwd) process.chdir(options.cwd);
    Object.assign(process.env, options.env ?? {});
    const code = await main(['node', 'pulse', ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.chdir(previousCwd);
    process.env = previousEnv;
    writeOut.mockRestore();
    writeErr.mockRestore();
  }
}

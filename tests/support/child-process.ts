import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const REGISTER = join(ROOT, 'tests', 'support', 'ts-register.cjs');

export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript file of the repository (relative to its root) in a new Node process. */
export function spawnTs(file: string, args: readonly string[], options: { cwd: string; env?: Record<string, string> }): ChildProcess {
  return spawn(process.execPath, ['-r', REGISTER, join(ROOT, file), ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs `pulse ...` from the sources in its own process, to the end. */
export function runCliProcess(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): Promise<ChildRun> {
  return finished(spawnTs('src/cli.ts', args, options));
}

export function finished(child: ChildProcess): Promise<ChildRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Resolves with the first stdout line matching `pattern`; rejects if the process ends first. */
export function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = buffer.match(pattern);
      if (match !== null) resolve(match);
    });
    child.once('exit', (code) => reject(new Error(`process exited (${code}) before printing ${pattern}: ${stderr}`)));
  });
}

/**
 * Runs `pulse ...` in its own process with its output already closed, as `pulse ... | head -0`
 * leaves it: the first write meets a reader that has gone (EPIPE).
 */
export function runCliIntoClosedOutput(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): Promise<ChildRun> {
  const child = spawnTs('src/cli.ts', args, options);
  child.stdout?.destroy();
  return finished(child);
}

/** Runs a shell script (`sh -c`) in which `pulse` runs `pulse` from the sources, as a user types it. */
export function runShell(script: string, options: { cwd: string; env?: Record<string, string> }): Promise<ChildRun> {
  const env = { ...process.env, ...options.env, PULSE_NODE: process.execPath, PULSE_REGISTER: REGISTER, PULSE_CLI: join(ROOT, 'src', 'cli.ts') };
  const pulse = 'pulse() { "$PULSE_NODE" -r "$PULSE_REGISTER" "$PULSE_CLI" "$@"; }';
  return finished(spawn('sh', ['-c', `${pulse}\n${script}`], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }));
}

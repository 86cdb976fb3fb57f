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

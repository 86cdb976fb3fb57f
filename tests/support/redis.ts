import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { findBinary } from './binaries';
import { freePort } from './postgres-server';

export interface RunningRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const HINT = 'Install Redis (`apt-get install -y redis-server`); .ci/run installs it where it is missing.';

/** How long a starting server may take to answer PING before the harness gives up rather than hang. */
const START_TIMEOUT_MS = 10_000;
/** How long a stopping server may take before it is killed outright. */
const STOP_TIMEOUT_MS = 5_000;

/**
 * A throwaway Redis on a free loopback port, nothing persisted. Started per test file, not once per run
 * like PostgreSQL: it is up in milliseconds, a server of its own keeps suites from seeing each other's
 * keys, and runs that need no Redis (unit tests) do not need redis-server installed.
 */
export async function startRedis(): Promise<RunningRedis> {
  const binary = findBinary('redis-server', HINT);
  const port = await freePort();
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  try {
    await untilPong(port, exited, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, port, stop };
}

/** Polls PING until the server answers PONG; fails at once if the server exits, with what it printed. */
async function untilPong(port: number, exited: Promise<number | null>, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`test harness: redis-server exited (${gone}) before answering PING on port ${port}:\n${output()}`);
    if (await answersPing(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`test harness: redis-server did not answer PING on port ${port} within ${START_TIMEOUT_MS} ms:\n${output()}`);
}

/** One PING over a raw socket: true on PONG, false while the server is not listening yet. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    // Refused while the server starts up: the caller polls again.
    socket.once('error', () => done(false));
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
    socket.once('connect', () => socket.write('PING\r\n'));
  });
}

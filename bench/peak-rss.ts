/**
 * Preloaded into each measured process and the processes it starts (NODE_OPTIONS=--require
 * dist/bench/peak-rss.js): at exit, writes the kernel's high-water mark of the process's resident
 * memory (DuckDB's native memory included) to the file PULSE_BENCH_RSS_FILE names, unless a process
 * that exited before it wrote a higher one there.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const file = process.env.PULSE_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    const own = match ? Number(match[1]) * 1024 : process.memoryUsage().rss;
    const earlier = existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0;
    writeFileSync(file, String(Math.max(own, earlier)));
  });
}

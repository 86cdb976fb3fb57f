/**
 * Preloaded into each measured process (`node --require dist/bench/peak-rss.js`): at exit, writes the
 * kernel's high-water mark of the process's resident memory (DuckDB's native memory included) to the
 * file PULSE_BENCH_RSS_FILE names.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.env.PULSE_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    writeFileSync(file, String(match ? Number(match[1]) * 1024 : process.memoryUsage().rss));
  });
}

/** `--accounts N --rate R --seconds S --faults`: R requests per second allowed; left out, R is picked so the run takes about S seconds. */
export interface BenchArgs {
  accounts: number;
  rate?: number;
  seconds: number;
  faults: boolean;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { accounts: 10_000, seconds: 60, faults: false };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = Number(argv[i + 1]);
    if (flag === '--faults') args.faults = true;
    else if (flag === '--accounts' || flag === '--rate' || flag === '--seconds') {
      if (!Number.isFinite(value) || value <= 0) throw new Error(`${flag} needs a positive number`);
      if (flag === '--accounts') args.accounts = Math.floor(value);
      else if (flag === '--rate') args.rate = value;
      else args.seconds = value;
      i += 1;
    } else throw new Error(`unknown argument ${flag}; usage: bench:hubspot -- [--accounts N] [--rate R] [--seconds S] [--faults]`);
  }
  return args;
}

/**
 * Calls the run needs: batch reads to resolve, batch updates, and per 100 tasks one key read and one
 * create. A sliding window admits a full window at once, then `rate` per second, so a run of T seconds
 * takes about (calls − 10·rate) / rate: solving for T gives the rate.
 */
export function rateFor(accounts: number, taskEvery: number, seconds: number): number {
  const tasks = Math.ceil(accounts / taskEvery);
  const calls = 2 * Math.ceil(accounts / 100) + 2 * Math.ceil(tasks / 100);
  return Math.max(0.5, Math.round((calls / (seconds + 10)) * 10) / 10);
}

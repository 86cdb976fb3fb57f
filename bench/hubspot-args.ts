/** `--accounts N --rate R --days D --faults`: R requests per second allowed (HubSpot's lowest tier, 10/s, when left out). */
export interface BenchArgs {
  accounts: number;
  rate: number;
  days: number;
  faults: boolean;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { accounts: 10_000, rate: 10, days: 120, faults: false };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = Number(argv[i + 1]);
    if (flag === '--faults') args.faults = true;
    else if (flag === '--accounts' || flag === '--rate' || flag === '--days') {
      if (!Number.isFinite(value) || value <= 0) throw new Error(`${flag} needs a positive number`);
      if (flag === '--accounts') args.accounts = Math.floor(value);
      else if (flag === '--days') args.days = Math.floor(value);
      else args.rate = value;
      i += 1;
    } else throw new Error(`unknown argument ${flag}; usage: bench:hubspot -- [--accounts N] [--rate R] [--days D] [--faults]`);
  }
  return args;
}

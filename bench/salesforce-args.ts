/** `--accounts N --days D --faults`. */
export interface SalesforceBenchArgs {
  accounts: number;
  days: number;
  faults: boolean;
}

export function parseSalesforceBenchArgs(argv: readonly string[]): SalesforceBenchArgs {
  const args: SalesforceBenchArgs = { accounts: 10_000, days: 120, faults: false };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = Number(argv[i + 1]);
    if (flag === '--faults') args.faults = true;
    else if (flag === '--accounts' || flag === '--days') {
      if (!Number.isInteger(value) || value <= 0) throw new Error(`${flag} needs a positive whole number`);
      if (flag === '--accounts') args.accounts = value;
      else args.days = value;
      i += 1;
    } else throw new Error(`unknown argument ${flag}; usage: bench:salesforce -- [--accounts N] [--days D] [--faults]`);
  }
  return args;
}

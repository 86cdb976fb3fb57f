/**
 * Validation with a kept report (kept-report.ts): a daily model's rows through the kept day are
 * trusted while their fingerprint holds, and only the rows since are validated; either way the
 * report of the rows through the day before yesterday is kept for the next run.
 */
import { addDays } from '../../domain/dates';
import type { Row, Warehouse } from '../port';
import type { PlannedSource } from './check-sql';
import { addPrints, keptKey, mergeReports, type Fingerprint, type KeptValidation, type ValidationKeeper } from './kept-report';
import { accountStatusSql, PART, partsSql, rowsAfter, rowsThrough } from './split-sql';
import { DUPLICATE_KEY_LIMIT, validateModel, type ModelReport } from './validate-model';

/**
 * Rows of today and yesterday are still being loaded into most warehouses: keeping them would make
 * the next run find the kept rows changed and validate everything again. So reports are kept through
 * the day before yesterday.
 */
export const SETTLING_DAYS = 2;

/** One run's use of its keeper: what it may trust, and what it will keep. */
export interface KeptSession {
  /** The kept reports this run may build on: none with `full`, or when kept through a later day than this run keeps. */
  stored: KeptValidation | null;
  /** The accounts' ids and validity now (the account checks of every other model read them). */
  accounts: Fingerprint;
  /** The day this run keeps reports through: the rows of the latest days are validated every run. */
  keepThrough: string;
  detailLimit: number;
  /** The reports of the rows through keepThrough, saved at the end of the validation. */
  next: KeptValidation['models'];
}

export async function openKeptSession(
  wh: Warehouse,
  kept: { keeper: ValidationKeeper; full: boolean },
  accounts: PlannedSource,
  today: string,
  detailLimit: number,
): Promise<KeptSession> {
  const keepThrough = addDays(today, -SETTLING_DAYS);
  const loaded = kept.full ? null : await kept.keeper.load();
  const [status] = await wh.all(accountStatusSql(accounts));
  return { stored: loaded !== null && loaded.through <= keepThrough ? loaded : null, accounts: printOf(status), keepThrough, detailLimit, next: {} };
}

const printOf = (row: Row | undefined): Fingerprint => ({ n: BigInt(Number(row?.n ?? 0)), h: BigInt(row?.h === null || row?.h === undefined ? 0 : String(row.h)) });

/**
 * The model's report, built on its kept report when the rows it covers are unchanged. What is kept
 * for the next run is the report of the rows through `session.keepThrough`; the latest days' rows are
 * validated every run, as warehouses are still loading them.
 */
export async function validateSplit(wh: Warehouse, target: PlannedSource, accounts: PlannedSource, dayColumn: string, session: KeptSession): Promise<ModelReport> {
  const { detailLimit, keepThrough } = session;
  const through = session.stored?.through ?? null;
  const parts = await readParts(wh, partsSql(target, dayColumn, through, keepThrough));
  const key = (rows: Fingerprint): string => keptKey({ source: target.source, sourceTypes: target.plan.sourceTypes, accounts: session.accounts, detailLimit, rows });
  const stored = session.stored?.models[target.plan.model];
  const trusted = through !== null && stored !== undefined && stored.key === key(parts.kept) ? stored : null;
  const limits = { detailLimit, keyLimit: DUPLICATE_KEY_LIMIT };
  const validate = (source: PlannedSource): Promise<ModelReport> => validateModel(wh, source, accounts, detailLimit);
  // Rows after keepThrough (and any without a valid day) are validated apart, so what is kept leaves them out.
  const rest = async (): Promise<ModelReport | null> => (parts.rest.n === 0n ? null : validate(rowsAfter(target, dayColumn, keepThrough)));

  let kept: ModelReport;
  let latest: ModelReport | null;
  if (trusted !== null) {
    const since = parts.since.n === 0n ? null : await validate(rowsThrough(target, dayColumn, through, keepThrough));
    [kept, latest] = [since === null ? trusted : mergeReports(trusted, since, limits), await rest()];
  } else if (parts.rest.n === 0n) {
    [kept, latest] = [await validate(target), null];
  } else {
    [kept, latest] = [await validate(rowsThrough(target, dayColumn, null, keepThrough)), await rest()];
  }
  session.next[target.plan.model] = { key: key(addPrints(parts.kept, parts.since)), ...kept };
  return latest === null ? kept : mergeReports(kept, latest, limits);
}

async function readParts(wh: Warehouse, sql: string): Promise<Record<keyof typeof PART, Fingerprint>> {
  const rows = await wh.all(sql);
  const part = (p: number): Fingerprint => printOf(rows.find((r) => Number(r.p) === p));
  return { kept: part(PART.kept), since: part(PART.since), rest: part(PART.rest) };
}

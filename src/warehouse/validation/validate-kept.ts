/**
 * Validation with a kept report (kept-report.ts): a daily model's rows through the kept day are
 * trusted while their fingerprint holds, and only the rows since are validated; either way the
 * report of the rows through today is kept for the next run.
 */
import type { ModelName } from '../../domain/contract';
import type { Row, Warehouse } from '../port';
import type { PlannedSource } from './check-sql';
import { addPrints, keptKey, mergeReports, type Fingerprint, type KeptValidation, type ValidationKeeper } from './kept-report';
import { accountStatusSql, PART, partsSql, rowsAfter, rowsThrough } from './split-sql';
import { DUPLICATE_KEY_LIMIT, validateModel, type ModelReport } from './validate-model';

/** One run's use of its keeper: what it may trust, and what it will keep. */
export interface KeptSession {
  /** The kept reports this run may build on: none with `full`, or when kept for a later today than this run's. */
  stored: KeptValidation | null;
  /** The accounts' ids and validity now (the account checks of every other model read them). */
  accounts: Fingerprint;
  today: string;
  detailLimit: number;
  /** The reports of the rows through today, saved at the end of the run. */
  next: KeptValidation['models'];
}

export async function openKeptSession(
  wh: Warehouse,
  kept: { keeper: ValidationKeeper; full: boolean },
  accounts: PlannedSource,
  today: string,
  detailLimit: number,
): Promise<KeptSession> {
  const loaded = kept.full ? null : await kept.keeper.load();
  const [status] = await wh.all(accountStatusSql(accounts));
  return { stored: loaded !== null && loaded.through <= today ? loaded : null, accounts: printOf(status), today, detailLimit, next: {} };
}

const printOf = (row: Row | undefined): Fingerprint => ({ n: BigInt(Number(row?.n ?? 0)), h: BigInt(row?.h === null || row?.h === undefined ? 0 : String(row.h)) });

/** The model's report, built on its kept report when the rows it covers are unchanged. */
export async function validateSplit(wh: Warehouse, target: PlannedSource, accounts: PlannedSource, dayColumn: string, session: KeptSession): Promise<ModelReport> {
  const model: ModelName = target.plan.model;
  const { today, detailLimit } = session;
  const through = session.stored?.through ?? null;
  const parts = await readParts(wh, partsSql(target, dayColumn, through, today));
  const key = (rows: Fingerprint): string => keptKey({ source: target.source, sourceTypes: target.plan.sourceTypes, accounts: session.accounts, detailLimit, rows });
  const stored = session.stored?.models[model];
  const trusted = through !== null && stored !== undefined && stored.key === key(parts.kept) ? stored : null;
  const limits = { detailLimit, keyLimit: DUPLICATE_KEY_LIMIT };
  const validate = (source: PlannedSource): Promise<ModelReport> => validateModel(wh, source, accounts, detailLimit);

  const report = trusted !== null && through !== null ? mergeReports(trusted, await validate(rowsAfter(target, dayColumn, through)), limits) : await validate(target);
  // Usually every row is dated through today; rows after it or without a valid day (rare) are left out of what is kept.
  const throughToday =
    parts.rest.n === 0n
      ? report
      : trusted !== null
        ? mergeReports(trusted, await validate(rowsThrough(target, dayColumn, through, today)), limits)
        : await validate(rowsThrough(target, dayColumn, null, today));
  session.next[model] = { key: key(addPrints(parts.kept, parts.since)), ...throughToday };
  return report;
}

async function readParts(wh: Warehouse, sql: string): Promise<Record<keyof typeof PART, Fingerprint>> {
  const rows = await wh.all(sql);
  const part = (p: number): Fingerprint => printOf(rows.find((r) => Number(r.p) === p)) ;
  return { kept: part(PART.kept), since: part(PART.since), rest: part(PART.rest) };
}

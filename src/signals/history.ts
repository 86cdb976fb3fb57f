/** SIGNALS.md v1.1: figures that need usage from before the warehouse's history starts are null. */

/**
 * True when `day` is before `historyStart`. Both are `YYYY-MM-DD`, so the string order is the date
 * order. A null history start (no usage at all up to T) marks nothing as before it.
 */
export function beforeHistory(day: string, historyStart: string | null): boolean {
  return historyStart !== null && day < historyStart;
}

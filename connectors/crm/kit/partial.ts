import { isQuotaStop, type WriteResult } from '../../../src/sync/ports';

/**
 * Runs a write step that pushes each settled result into `settled` as it lands. When a quota stop ends
 * the step, those results travel with the error (`partial`), so the job records what landed and the
 * next run does only the rest.
 */
export async function keepingPartial(run: (settled: WriteResult[]) => Promise<WriteResult[]>): Promise<WriteResult[]> {
  const settled: WriteResult[] = [];
  try {
    return await run(settled);
  } catch (error) {
    if (isQuotaStop(error)) error.partial = [...settled];
    throw error;
  }
}

/**
 * Maps items with at most `concurrency` promises in flight, results in input order. Concurrency is what
 * lets the connector use its whole rate budget: one request at a time is bound by latency, not by the limit.
 * After a failure no new item starts, and the failure is thrown only once the items in flight have
 * settled, so whatever they recorded is complete when the caller sees the error.
 */
export async function mapPool<I, O>(items: readonly I[], concurrency: number, run: (item: I) => Promise<O>): Promise<O[]> {
  const results = new Array<O>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length && failure === undefined) {
      const index = next;
      next += 1;
      try {
        results[index] = await run(items[index] as I);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, () => worker()));
  if (failure !== undefined) throw failure.error;
  return results;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * Chunks of at most `size` that never split a group (one Account's Tasks): Salesforce locks the parent
 * of each child it writes, so two calls in flight holding children of one parent wait on each other or
 * fail with UNABLE_TO_LOCK_ROW. Items keep their order within a group. A group larger than `size` fills
 * consecutive chunks of its own (a run makes at most one task per playbook for an account, far below 200).
 */
export function chunkByGroup<T>(items: readonly T[], size: number, groupOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groupOf(item);
    const members = groups.get(group);
    if (members === undefined) groups.set(group, [item]);
    else members.push(item);
  }
  const chunks: T[][] = [];
  let current: T[] = [];
  for (const members of groups.values()) {
    if (current.length + members.length > size && current.length > 0) {
      chunks.push(current);
      current = [];
    }
    if (members.length > size) {
      chunks.push(...chunk(members, size));
      continue;
    }
    current.push(...members);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

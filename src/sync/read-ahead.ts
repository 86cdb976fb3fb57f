/**
 * Asks for the next item of `source` as soon as the current one is handed out, so the warehouse
 * computes chunk N+1 while the CRM writes chunk N: the rate budget, not the warehouse, then bounds a
 * run. One item ahead at most, so memory stays at two chunks. An error of the item read ahead is
 * thrown when that item is reached, never earlier and never unhandled.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const pull = () => {
    const next = iterator.next();
    // Handled here, thrown below when awaited: the consumer may be busy for a while.
    next.catch(() => undefined);
    return next;
  };
  let pending = pull();
  try {
    for (;;) {
      const current = await pending;
      if (current.done === true) return;
      pending = pull();
      yield current.value;
    }
  } finally {
    // The consumer stopped early (an error while writing): let the source close its cursor.
    await iterator.return?.();
  }
}

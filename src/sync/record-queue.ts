/**
 * Lets the state store record a write unit while the CRM receives the next one, so a run is bound by
 * the CRM's rate budget rather than by the two taking turns. The store has one session per run, so
 * every store call of the run goes through this queue, in order: transactions never interleave, and a
 * read (the next chunk's state) sees every unit recorded before it.
 */
export class RecordQueue {
  private tail: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;

  /** Queues `task` after everything queued, without waiting; its failure is thrown by the next `run` or `drain`. */
  enqueue(task: () => Promise<void>): void {
    this.tail = this.tail
      .then(async () => {
        // After a failure nothing more is recorded: the run is failing, and the next run replays what is left.
        if (this.failure === undefined) await task();
      })
      .catch((error: unknown) => {
        this.failure ??= { error };
      });
  }

  /** Waits for everything queued; throws the first failure among them. */
  async drain(): Promise<void> {
    await this.tail;
    if (this.failure !== undefined) throw this.failure.error;
  }

  /** Waits for everything queued without throwing: the run already has an error to report. */
  async settle(): Promise<void> {
    await this.tail;
  }

  /** Runs `task` once everything queued has landed, and returns its result. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.drain();
    return task();
  }
}

interface Flight {
  readonly keys: ReadonlySet<string>;
  /** Resolves (never rejects) once the write has committed or failed and left the set. */
  settled: Promise<void>;
}

/**
 * Runs batch writes, at most `limit` at once. A batch that shares a key (an arXiv id) with a
 * batch in flight starts only after it, so two writes of the same paper happen in input order;
 * batches without common papers commit in any order, each whole. After the first failure no
 * new write starts, and write() or finish() throw it once the writes in flight have settled.
 */
export class BatchWriters {
  private readonly flights = new Set<Flight>();
  private failure: { error: unknown } | null = null;

  constructor(private readonly limit: number) {
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  }

  /** Resolves when the write has started (there was room for it), not when it is done. */
  async write(keys: readonly string[], run: () => Promise<unknown>): Promise<void> {
    while (this.flights.size >= this.limit && !this.failure) await Promise.race([...this.flights].map((flight) => flight.settled));
    if (this.failure) await this.finish();
    const keySet = new Set(keys);
    const before = [...this.flights].filter((flight) => keys.some((key) => flight.keys.has(key)));
    const flight: Flight = { keys: keySet, settled: Promise.resolve() };
    flight.settled = (async () => {
      await Promise.all(before.map((earlier) => earlier.settled));
      if (!this.failure) await run();
    })()
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.flights.delete(flight));
    this.flights.add(flight);
  }

  /** Waits until no write is in flight, whatever their outcome. */
  async settle(): Promise<void> {
    while (this.flights.size > 0) await Promise.all([...this.flights].map((flight) => flight.settled));
  }

  /** Waits for every write; throws the first failure. */
  async finish(): Promise<void> {
    await this.settle();
    if (this.failure) throw this.failure.error;
  }
}

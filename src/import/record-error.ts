/** A record a parser refuses, with where it was and why; the importer reports and skips it. */
export class RecordError extends Error {
  constructor(
    readonly position: number,
    readonly reason: string,
    /** The file the record came from, when the import reads several. */
    readonly source?: string,
  ) {
    super(`${source ? `${source}: ` : ''}record ${position}: ${reason}`);
    this.name = 'RecordError';
  }

  withSource(source: string): RecordError {
    return new RecordError(this.position, this.reason, source);
  }
}

/** An input that cannot be read on at all (not JSON or XML, broken syntax, unreadable file). */
export class FeedError extends Error {
  constructor(
    message: string,
    readonly source?: string,
  ) {
    super(source ? `${source}: ${message}` : message);
    this.name = 'FeedError';
  }
}

/** A record a parser refuses, with where it was and why; the importer reports and skips it. */
export class RecordError extends Error {
  constructor(readonly position: number, readonly reason: string) {
    super(`record ${position}: ${reason}`);
    this.name = 'RecordError';
  }
}

import { BatchWriters } from '../../../src/import/batch-writers';

/** A write that finishes when told to, recording when it started and ended. */
function controlled(log: string[], name: string) {
  let finish!: (error?: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = (error) => (error ? reject(error) : resolve());
  });
  return {
    run: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
    },
    finish,
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Writers with the given limit and three controlled writes a, b and c logging to one list. */
function setup(limit: number) {
  const log: string[] = [];
  const [a, b, c] = ['a', 'b', 'c'].map((name) => controlled(log, name));
  return { log, writers: new BatchWriters(limit), a, b, c };
}

describe('concurrent batch writes', () => {
  it('runs up to the limit at once and starts the next as soon as one is done', async () => {
    const { log, writers, a, b, c } = setup(2);
    await writers.write(['1'], a.run);
    await writers.write(['2'], b.run);
    const third = writers.write(['3'], c.run);
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    b.finish();
    await third;
    await tick();
    expect(log).toEqual(['start a', 'start b', 'end b', 'start c']);
    a.finish();
    c.finish();
    await writers.finish();
  });

  it('starts a batch that shares a paper with one in flight only after it, keeping input order for that paper', async () => {
    const { log, writers, a, b, c } = setup(4);
    await writers.write(['x', 'y'], a.run);
    await writers.write(['y', 'z'], b.run);
    await writers.write(['w'], c.run);
    await tick();
    expect(log).toEqual(['start a', 'start c']);
    a.finish();
    await tick();
    await tick();
    expect(log).toContain('start b');
    b.finish();
    c.finish();
    await writers.finish();
  });

  it('starts nothing after a failure, lets the writes in flight finish, then throws the failure', async () => {
    const { log, writers, a, b, c } = setup(2);
    await writers.write(['1'], a.run);
    await writers.write(['2'], b.run);
    a.finish(new Error('batch a failed'));
    const third = writers.write(['3'], c.run);
    await tick();
    expect(log).not.toContain('start c');
    b.finish();
    await expect(third).rejects.toThrow('batch a failed');
    expect(log).toEqual(['start a', 'start b', 'end b']);
    await expect(writers.finish()).rejects.toThrow('batch a failed');
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new BatchWriters(0)).toThrow(RangeError);
  });
});

import { FanOut } from '../../../src/pubsub/fan-out';

describe('in-process fan-out', () => {
  it('delivers each event to every subscriber of the topic, in order, and nothing to other topics', async () => {
    const fanOut = new FanOut();
    const a = fanOut.subscribe('T');
    const b = fanOut.subscribe('T');
    const other = fanOut.subscribe('U');
    fanOut.deliver('T', 1);
    fanOut.deliver('T', 2);
    expect([(await a.next()).value, (await a.next()).value]).toEqual([1, 2]);
    expect([(await b.next()).value, (await b.next()).value]).toEqual([1, 2]);
    const pending = other.next();
    fanOut.deliver('U', 'u');
    expect((await pending).value).toBe('u');
  });

  it('never waits for a subscriber that stops reading: its own queue drops the oldest events', async () => {
    const fanOut = new FanOut(3);
    const stalled = fanOut.subscribe('T');
    const live = fanOut.subscribe('T');
    const received: unknown[] = [];
    const reading = (async () => {
      for await (const value of live) {
        received.push(value);
        if (received.length === 10) break;
      }
    })();
    for (let i = 0; i < 10; i += 1) {
      fanOut.deliver('T', i);
      await Promise.resolve();
    }
    await reading;
    expect(received).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(fanOut.stats().dropped).toBe(7);
    expect([(await stalled.next()).value, (await stalled.next()).value, (await stalled.next()).value]).toEqual([7, 8, 9]);
  });

  it('forgets a subscriber on return(), ending a pending next()', async () => {
    const fanOut = new FanOut();
    const iterator = fanOut.subscribe('T');
    const pending = iterator.next();
    expect(fanOut.stats().subscribers).toBe(1);
    await iterator.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(fanOut.stats().subscribers).toBe(0);
    fanOut.deliver('T', 1);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });
});

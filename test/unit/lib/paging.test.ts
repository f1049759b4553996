import { decodeCursor, encodeCursor } from '../../../src/lib/paging/cursor';
import { buildPage } from '../../../src/lib/paging/build-page';
import { cursorDate, cursorOf, cursorString, decodeKeysetCursor, seekOf, type KeysetOrdering } from '../../../src/lib/paging/keyset';
import type { PageRequest } from '../../../src/lib/paging/page';
import { toPageRequest } from '../../../src/lib/paging/page-request';

describe('cursors', () => {
  it('round-trip their sort values', () => {
    const cursor = encodeCursor('paper:UPVOTES:DESC', [42, '2407.18232']);
    expect(decodeCursor(cursor, 'paper:UPVOTES:DESC', 2, 'after')).toEqual([42, '2407.18232']);
  });

  it.each([
    ['garbage!', 'not base64url'],
    [Buffer.from('not json').toString('base64url'), 'not JSON'],
    [encodeCursor('paper:FEATURED_DAY:DESC', ['2025-12-11', 0, 'x']), 'another ordering'],
    [encodeCursor('paper:UPVOTES:DESC', [1]), 'wrong arity'],
    [Buffer.from(JSON.stringify(['paper:UPVOTES:DESC', {}, 'x'])).toString('base64url'), 'object value'],
  ])('reject %p (%s) with BAD_USER_INPUT naming the argument', (cursor) => {
    expect(() => decodeCursor(cursor, 'paper:UPVOTES:DESC', 2, 'after')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'after' }) }),
    );
  });
});

describe('page requests', () => {
  it('default to the first 20', () => expect(toPageRequest({})).toEqual({ direction: 'forward', limit: 20, after: undefined }));
  it('page backwards with last/before', () => expect(toPageRequest({ last: 5, before: 'c' })).toEqual({ direction: 'backward', limit: 5, before: 'c' }));
  it.each([
    [{ first: 101 }, 'first'],
    [{ first: -1 }, 'first'],
    [{ last: 1000 }, 'last'],
    [{ first: 1, last: 1 }, 'last'],
    [{ after: 'a', before: 'b' }, 'before'],
  ])('rejects %p naming %s', (args, argumentName) => {
    expect(() => toPageRequest(args)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName }) }));
  });
});

describe('keyset cursors', () => {
  const ordering: KeysetOrdering<{ day: string; id: string }> = {
    kind: 'test:DAY',
    keys: [
      { field: 'day', direction: 'desc', read: (row) => row.day, parse: cursorDate },
      { field: 'id', direction: 'asc', read: (row) => row.id, parse: cursorString },
    ],
  };

  it('read back as the values the database compares', () => {
    const cursor = cursorOf(ordering, { day: '2025-12-11', id: '2510.09608' });
    expect(decodeKeysetCursor(ordering, cursor, 'after')).toEqual([new Date('2025-12-11T00:00:00Z'), '2510.09608']);
  });

  it.each([
    [encodeCursor('test:DAY', ['not a day', 'x']), 'a date that is not one'],
    [encodeCursor('test:DAY', [20251211, 'x']), 'a number for a date'],
    [encodeCursor('test:DAY', ['2025-12-11', 7]), 'a number for a string'],
  ])('refuse %p (%s) with BAD_USER_INPUT naming the argument', (cursor) => {
    expect(() => decodeKeysetCursor(ordering, cursor, 'before')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'before' }) }),
    );
  });

  it('seek a backward page in the flipped order, one row more than asked', () => {
    const before = cursorOf(ordering, { day: '2025-12-11', id: 'b' });
    const seek = seekOf(ordering, { direction: 'backward', limit: 2, before });
    expect(seek.keys.map((key) => key.direction)).toEqual(['asc', 'desc']);
    expect(seek.take).toBe(3);
    expect(seekOf(ordering, { direction: 'forward', limit: 0 })).toMatchObject({ after: null, take: 0 });
  });
});

describe('the page builder', () => {
  const rows = ['a', 'b', 'c'];
  const build = (request: PageRequest, read: string[]) => buildPage({ rows: read, request, cursorOf: (row) => `c-${row}`, count: async () => 42 });

  it('says another page follows when it read one row more than the page', async () => {
    const page = build({ direction: 'forward', limit: 2 }, rows);
    expect(page.nodes).toEqual(['a', 'b']);
    expect(page.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: 'c-a', endCursor: 'c-b' });
    expect(await page.totalCount).toBe(42);
  });

  it('puts a backward page back in the connection order', () => {
    const page = build({ direction: 'backward', limit: 2, before: 'c-d' }, ['c', 'b', 'a']);
    expect(page.nodes).toEqual(['b', 'c']);
    expect(page.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true, startCursor: 'c-b', endCursor: 'c-c' });
  });

  it('counts only when totalCount is awaited', () => {
    let counted = 0;
    buildPage({ rows, request: { direction: 'forward', limit: 5 }, cursorOf: String, count: async () => ++counted });
    expect(counted).toBe(0);
  });
});

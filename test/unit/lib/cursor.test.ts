import { decodeCursor, encodeCursor } from '../../../src/lib/cursor';
import { toPageRequest } from '../../../src/lib/page-request';

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

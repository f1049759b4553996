import { parseArxivId } from '../../../src/lib/arxiv-id';
import { fromGlobalId, toGlobalId } from '../../../src/lib/global-id';
import { authorIdFromArgument, localIdOf, paperIdFromArgument, requireAuthorId, requirePaperId } from '../../../src/services/id-arguments';

describe('arXiv ids', () => {
  it.each([
    ['2407.18232', '2407.18232'],
    ['2407.18232v3', '2407.18232'],
    ['0704.0001', '0704.0001'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['math.GT/0309136v2', 'math.GT/0309136'],
    [' 2512.00466 ', '2512.00466'],
  ])('reads %s as %s', (input, expected) => expect(parseArxivId(input)).toBe(expected));

  it.each(['', '2407', '2407.123', 'abc', '2407.18232v', 'hep-th/99', '../etc/passwd', "2407.18232'; DROP TABLE papers"])('refuses %p', (input) => {
    expect(parseArxivId(input)).toBeNull();
  });
});

describe('global ids', () => {
  it('round-trip and stay apart from arXiv ids', () => {
    const id = toGlobalId('Paper', 'hep-th/9901001');
    expect(fromGlobalId(id)).toEqual({ type: 'Paper', localId: 'hep-th/9901001' });
    expect(fromGlobalId('2407.18232')).toBeNull();
    expect(fromGlobalId(toGlobalId('Author', 12))).toEqual({ type: 'Author', localId: '12' });
  });

  it('let every argument that names a paper take the global id or the bare arXiv id', () => {
    expect(paperIdFromArgument(toGlobalId('Paper', '2407.18232'))).toBe('2407.18232');
    expect(paperIdFromArgument('2407.18232v2')).toBe('2407.18232');
    expect(paperIdFromArgument(toGlobalId('Author', 3))).toBeNull();
    expect(paperIdFromArgument('not-an-id')).toBeNull();
  });
});

describe('id arguments', () => {
  it('read an Author global id and nothing else as an author id', () => {
    expect(authorIdFromArgument(toGlobalId('Author', 12))).toBe(12);
    expect(authorIdFromArgument(toGlobalId('Paper', '2407.18232'))).toBeNull();
    expect(authorIdFromArgument(toGlobalId('Author', 'twelve'))).toBeNull();
    expect(authorIdFromArgument('12')).toBeNull();
  });

  it("parse each node type's local id", () => {
    expect(localIdOf('Day', '2025-12-11')).toBe('2025-12-11');
    expect(localIdOf('Day', '2025-13-45')).toBeNull();
    expect(localIdOf('User', '7')).toBe(7);
    expect(localIdOf('Paper', 'hep-th/9901001v2')).toBe('hep-th/9901001');
  });

  it.each([
    [() => requirePaperId('not-an-id'), 'paperId'],
    [() => requirePaperId(toGlobalId('Author', 3), 'input.paperId'), 'input.paperId'],
    [() => requireAuthorId('2407.18232', 'filter.author'), 'filter.author'],
  ])('refuse a malformed id with BAD_USER_INPUT naming the argument (%#)', (read, argumentName) => {
    expect(read).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName }) }));
  });
});

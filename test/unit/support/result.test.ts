import { withExpectations } from '../../support/result';

describe('test results', () => {
  const describeIt = () => 'query { x }';

  it('hand back typed data only when there is no error, and print the operation otherwise', () => {
    expect(withExpectations<{ data: { x: number } }, { x: number }>({ data: { x: 1 } }, describeIt).expectData().x).toBe(1);
    const failed = withExpectations({ data: null, errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] }, describeIt);
    expect(() => failed.expectData()).toThrow(/Expected data without errors\.\nquery \{ x \}/);
  });

  it('find an error by code and argument, and fail when it is not there', () => {
    const result = withExpectations({ errors: [{ message: 'bad', extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } }] }, describeIt);
    expect(result.expectError('BAD_USER_INPUT', 'after').message).toBe('bad');
    expect(() => result.expectError('BAD_USER_INPUT', 'first')).toThrow(/naming first/);
    expect(() => result.expectError('NOT_FOUND')).toThrow(/code NOT_FOUND/);
  });

  it('still equal a plain body', () => {
    expect(withExpectations({ data: { x: 1 } }, describeIt)).toEqual({ data: { x: 1 } });
  });
});

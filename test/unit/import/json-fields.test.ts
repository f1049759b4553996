import { oneLine } from '../../../src/import/json-fields';

describe('collapsing whitespace in feed text', () => {
  it('turns every run of whitespace, unicode spaces included, into one space, and leaves single spaces alone', () => {
    const samples = ['a b', 'a  b', 'a\tb', 'a\n\n  b', 'a\u00a0b', 'a \u2003 b', '  edge  ', 'x\r\ny z', 'no-space'];
    for (const sample of samples) expect(oneLine(sample)).toBe(sample.trim().replace(/\s+/g, ' '));
  });
});

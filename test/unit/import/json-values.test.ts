import { splitJsonValues } from '../../../src/import/json-values';
import { FeedError } from '../../../src/import/record-error';

async function split(chunks: string[], kind: 'array' | 'document', maxChars = 1_000_000) {
  const values: Array<{ position: number; value: unknown }> = [];
  for await (const { position, text } of splitJsonValues(
    (async function* () {
      yield* chunks;
    })(),
    kind,
    maxChars,
  )) {
    values.push({ position, value: JSON.parse(text) });
  }
  return values;
}

/** Every way of cutting `text` in two chunks, so boundaries fall inside strings, escapes and numbers. */
const everyCut = (text: string) => Array.from({ length: text.length + 1 }, (_, i) => [text.slice(0, i), text.slice(i)]);

describe('splitting a JSON stream into values', () => {
  const array = ` [ {"a": "x,]}\\"y", "b": [1, {"c": "\\\\"}]}, "str]ing", 42 , true,null,{"e":"é 张"} ]\n`;
  const expected = [{ a: 'x,]}"y', b: [1, { c: '\\' }] }, 'str]ing', 42, true, null, { e: 'é 张' }];

  it('finds the elements of an array wherever the chunks are cut, brackets and quotes inside strings included', async () => {
    for (const chunks of everyCut(array)) {
      const values = await split(chunks, 'array');
      expect(values.map((v) => v.value)).toEqual(expected);
      expect(values.map((v) => v.position)).toEqual([1, 2, 3, 4, 5, 6]);
    }
  });

  it('reads a stream of documents: one object over several lines, or several values', async () => {
    const documents = '{"a": {"b": "}{"}}\n{"c": 1} "s" 7\n';
    for (const chunks of everyCut(documents)) {
      expect((await split(chunks, 'document')).map((v) => v.value)).toEqual([{ a: { b: '}{' } }, { c: 1 }, 's', 7]);
    }
  });

  it('treats an empty array as no values', async () => {
    expect(await split(['[', ' ]'], 'array')).toEqual([]);
  });

  it('refuses a cut-off array, data after it, a missing comma, and a value over the size limit, each as a FeedError', async () => {
    await expect(split(['[{"a": 1}, {"b": '], 'array')).rejects.toThrow(new FeedError('invalid JSON: the input ends inside item 2'));
    await expect(split(['[{"a": 1}'], 'array')).rejects.toThrow(/ends before the array is closed/);
    await expect(split(['[1] [2]'], 'array')).rejects.toThrow(/after the end of the array/);
    await expect(split(['[{"a": 1} {"b": 2}]'], 'array')).rejects.toThrow(/expected "," or "]" after item 1/);
    await expect(split(['[,1]'], 'array')).rejects.toThrow(/unexpected ","/);
    await expect(split(['[{"a": "', 'x'.repeat(50), '"}]'], 'array', 20)).rejects.toThrow(/item 1 is longer than 20 characters/);
  });
});

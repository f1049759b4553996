import { FeedError } from './record-error';

// Splits a stream of JSON text into the texts of its values, which JSON.parse (native, several
// times faster than a streaming tokenizer) then parses one by one. Only brackets, braces, commas
// and string boundaries are looked at; everything else is JSON.parse's job. Memory holds one
// value at a time, so a feed of any size streams.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export interface JsonValueText {
  /** 1-based: the element's index in the array, or the value's index in the stream. */
  readonly position: number;
  readonly text: string;
}

/**
 * The texts of the elements of one top-level array (`array`), or of a stream of concatenated
 * top-level values (`document`: one object over several lines, or several objects). A value
 * longer than maxChars, an input that ends inside a value, or anything but whitespace after the
 * array's end is a FeedError.
 */
export async function* splitJsonValues(chunks: AsyncIterable<string>, kind: 'array' | 'document', maxChars: number): AsyncGenerator<JsonValueText> {
  // array: 'before' the '[', then 'between' elements, 'after' the ']'; document: always 'between'.
  let state: 'before' | 'between' | 'value' | 'after' = kind === 'array' ? 'before' : 'between';
  let depth = 0;
  let inString = false;
  let escaped = false;
  /** The value started as a bare scalar (number, true, …): it ends at a delimiter. */
  let scalar = false;
  let parts: string[] = [];
  let partsLength = 0;
  let position = 0;
  let expectComma = false;

  const fail = (message: string): never => {
    throw new FeedError(`invalid JSON: ${message}`);
  };

  for await (const chunk of chunks) {
    let start = state === 'value' ? 0 : -1;
    // indexOf's -1 read as unsigned (>>> 0) is past any index: "none in this chunk".
    let nextBackslash = -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (state === 'value') {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === BACKSLASH) escaped = true;
          else if (c !== QUOTE) {
            // Most of a feed is string content (abstracts): jump to the next quote or backslash.
            // (The next backslash is remembered per chunk: searching for it from every string would
            // scan to the chunk's end again and again when there is none.)
            if (nextBackslash <= i) nextBackslash = chunk.indexOf('\\', i + 1) >>> 0;
            const quote = chunk.indexOf('"', i + 1) >>> 0;
            i = Math.min(quote, nextBackslash, chunk.length) - 1;
          } else {
            inString = false;
            if (depth === 0 && !scalar && kind === 'document') {
              // A top-level string in a document stream ends here.
              yield { position: ++position, text: take(chunk, start, i + 1) };
              state = 'between';
            }
          }
          continue;
        }
        if (scalar) {
          if (isSpace(c) || c === COMMA || c === CLOSE_BRACKET || c === OPEN_BRACE || c === OPEN_BRACKET || c === QUOTE) {
            yield { position: ++position, text: take(chunk, start, i) };
            state = 'between';
            scalar = false;
            i -= 1; // the delimiter is looked at again, between values
          }
          continue;
        }
        if (c === QUOTE) inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth += 1;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          depth -= 1;
          if (depth === 0) {
            yield { position: ++position, text: take(chunk, start, i + 1) };
            state = 'between';
            expectComma = kind === 'array';
          }
        }
        continue;
      }
      if (isSpace(c)) continue;
      if (state === 'before') {
        if (c !== OPEN_BRACKET) fail('expected "[" at the start of the array');
        state = 'between';
        continue;
      }
      if (state === 'after') fail('unexpected data after the end of the array');
      // between values
      if (kind === 'array') {
        if (c === CLOSE_BRACKET) {
          state = 'after';
          continue;
        }
        if (expectComma) {
          if (c !== COMMA) fail(`expected "," or "]" after item ${position}`);
          expectComma = false;
          continue;
        }
      }
      state = 'value';
      start = i;
      if (c === OPEN_BRACE || c === OPEN_BRACKET) depth = 1;
      else if (c === QUOTE) {
        inString = true;
        scalar = kind === 'array';
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET || c === COMMA) {
        fail(`unexpected "${String.fromCharCode(c)}" after item ${position}`);
      } else scalar = true;
      if (scalar && kind === 'array') expectComma = true;
    }
    if (state === 'value') {
      const rest = chunk.slice(start);
      parts.push(rest);
      partsLength += rest.length;
      if (partsLength > maxChars) throw new FeedError(`item ${position + 1} is longer than ${maxChars} characters`);
    }
  }
  if (state === 'value' && scalar && kind === 'document') {
    yield { position: ++position, text: take('', 0, 0) };
    state = 'between';
  }
  // (TypeScript cannot see the loop's assignments here, hence the widening.)
  const end = state as string;
  if (end === 'value') fail(`the input ends inside item ${position + 1}`);
  if (kind === 'array' && end !== 'after') fail(end === 'before' ? 'the input holds no array' : 'the input ends before the array is closed');

  function take(chunk: string, from: number, to: number): string {
    const tail = chunk.slice(from, to);
    if (parts.length === 0) return tail;
    const text = parts.join('') + tail;
    parts = [];
    partsLength = 0;
    return text;
  }
}

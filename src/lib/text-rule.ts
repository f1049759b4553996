import { InvalidTextError } from '../errors/errors';

// The one rule for every text the API accepts: GraphQL arguments and input fields (over HTTP and
// graphql-ws), REST query parameters and imported feed fields all pass through textFault.
//
// Refused, never silently changed:
// - NUL (U+0000): PostgreSQL text cannot hold it, so it would reach the database as an error.
// - A lone surrogate (half of a UTF-16 pair): it is not text in any encoding; UTF-8 turns it into
//   U+FFFD on the way to the database, so what is stored differs from what was asked for (and a
//   lookup by the original string misses the row it just wrote).
// - Text longer than its field's maximum (code units, as String.length counts).
// Everything else is valid text and is kept exactly as sent: right-to-left marks, zero-width
// joiners, combining sequences, emoji. Rejecting rather than normalising keeps one answer for one
// input everywhere, and the client learns which field to fix.

/** The longest text any argument or input field takes unless its own maximum says otherwise. */
export const DEFAULT_MAX_TEXT_LENGTH = 2048;

export type TextFault = 'NUL' | 'LONE_SURROGATE' | 'TOO_LONG';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with `value` under the text rule, or null when it is valid text. */
export function textFault(value: string, maxLength: number = DEFAULT_MAX_TEXT_LENGTH): TextFault | null {
  if (value.includes('\u0000')) return 'NUL';
  if (LONE_SURROGATE.test(value)) return 'LONE_SURROGATE';
  if (value.length > maxLength) return 'TOO_LONG';
  return null;
}

/** The message for a fault, naming the field (an argument path, a parameter, a feed field). */
export function textFaultMessage(field: string, fault: TextFault, maxLength: number = DEFAULT_MAX_TEXT_LENGTH): string {
  switch (fault) {
    case 'NUL':
      return `"${field}" contains a NUL character (U+0000), which no text field accepts.`;
    case 'LONE_SURROGATE':
      return `"${field}" contains a lone UTF-16 surrogate, which is not valid Unicode text.`;
    case 'TOO_LONG':
      return `"${field}" may be at most ${maxLength} characters.`;
  }
}

/** Returns `value` when it is valid text; otherwise throws InvalidTextError (BAD_USER_INPUT, 400) naming `field`. */
export function checkText(field: string, value: string, maxLength: number = DEFAULT_MAX_TEXT_LENGTH): string {
  const fault = textFault(value, maxLength);
  if (fault) throw new InvalidTextError(field, fault, textFaultMessage(field, fault, maxLength));
  return value;
}

/** The first parameter (form field, query parameter) that breaks the text rule, with its message; null when all are text. */
export function firstTextFault(
  params: Iterable<readonly [string, string]>,
  maxLength: number = DEFAULT_MAX_TEXT_LENGTH,
): { name: string; fault: TextFault; message: string } | null {
  for (const [name, value] of params) {
    const fault = textFault(name, maxLength) ?? textFault(value, maxLength);
    if (fault) return { name, fault, message: textFaultMessage(name, fault, maxLength) };
  }
  return null;
}

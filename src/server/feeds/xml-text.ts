// Text for XML 1.0 documents. Titles and abstracts come from feeds in every language and may hold
// characters XML cannot carry at all (C0 controls, lone surrogates, U+FFFE/FFFF): those are
// dropped, the five markup characters escaped, everything else kept as UTF-8.
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Safe as element content and as a double-quoted attribute value. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** RFC 822 date as RSS 2.0 wants it: "Wed, 15 Jan 2025 01:23:45 GMT". */
export const rfc822 = (date: Date): string => date.toUTCString();

/** RFC 3339 date as Atom 1.0 wants it. */
export const rfc3339 = (date: Date): string => date.toISOString();

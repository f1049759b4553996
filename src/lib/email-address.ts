// Email addresses as the digest stores them. The local part is kept exactly (some servers treat
// it case-sensitively, RFC 5321 §2.4); the domain is lower-cased because DNS is case-insensitive,
// so "Ann@Example.ORG" and "Ann@example.org" are one subscription.

/** RFC 5321: a forward path is at most 256 octets including "<>", so an address at most 254. */
export const MAX_EMAIL_LENGTH = 254;

// Dot-atom local part (no quoted strings, no comments) and a hostname with a letter TLD: what
// mail providers actually accept, and nothing that could smuggle a header or a second recipient.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

export type EmailParseResult = { readonly ok: true; readonly email: string } | { readonly ok: false; readonly reason: string };

/** Validates and normalises an address typed by a person (surrounding spaces are dropped). */
export function normalizeEmail(input: string): EmailParseResult {
  const text = input.trim();
  if (text.length === 0) return { ok: false, reason: 'is empty' };
  if (text.length > MAX_EMAIL_LENGTH) return { ok: false, reason: `is longer than ${MAX_EMAIL_LENGTH} characters` };
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return { ok: false, reason: 'is not an email address (expected name@example.org)' };
  const local = text.slice(0, at);
  const domain = text.slice(at + 1).toLowerCase();
  if (local.length > 64 || !LOCAL_PART.test(local)) return { ok: false, reason: 'has an invalid part before "@"' };
  if (!DOMAIN.test(domain)) return { ok: false, reason: 'has an invalid domain after "@"' };
  return { ok: true, email: `${local}@${domain}` };
}

import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { nonPublicAddressClass } from '../lib/ip-address-class';

/** Resolves a host name to every address it has (dns.lookup, as the OS resolves it). */
export type HostResolver = (hostname: string) => Promise<ReadonlyArray<{ address: string; family: number }>>;

export const systemResolver: HostResolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** A webhook URL that is http(s) and whose host was resolved to addresses a delivery may reach. */
export interface CheckedTarget {
  readonly url: URL;
  /** The URL's host without IPv6 brackets. */
  readonly hostname: string;
  /** The address to connect to: the first of the checked ones. Connecting to it (not resolving again) defeats DNS rebinding. */
  readonly address: string;
  readonly family: 4 | 6;
}

/** Why a URL may not be used; the message is meant for the webhook's owner. */
export class WebhookAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookAddressError';
  }
}

/** Parses a webhook URL: absolute, http or https, no credentials, at most maxLength characters. */
export function parseWebhookUrl(text: string, maxLength: number): URL {
  if (text.length > maxLength) throw new WebhookAddressError(`The URL is ${text.length} characters long; at most ${maxLength} are allowed.`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new WebhookAddressError(`"${text.slice(0, 200)}" is not an absolute URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new WebhookAddressError(`Only http and https URLs are allowed, not ${url.protocol.replace(/:$/, '')}.`);
  if (url.username || url.password)
    throw new WebhookAddressError('The URL must not contain a user name or password; authenticate deliveries by their signature.');
  return url;
}

/**
 * Resolves the URL's host and refuses it when any of its addresses is not public (unless
 * allowPrivate): checking only one address would let a host that answers with a public and a
 * private one through.
 */
export async function checkWebhookTarget(url: URL, options: { allowPrivate: boolean; resolve: HostResolver }): Promise<CheckedTarget> {
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: ReadonlyArray<{ address: string; family: number }>;
  if (isIP(hostname)) addresses = [{ address: hostname, family: isIP(hostname) }];
  else {
    try {
      addresses = await options.resolve(hostname);
    } catch (error) {
      throw new WebhookAddressError(`The host "${hostname}" does not resolve (${(error as NodeJS.ErrnoException).code ?? 'lookup failed'}).`);
    }
    if (addresses.length === 0) throw new WebhookAddressError(`The host "${hostname}" has no address.`);
  }
  if (!options.allowPrivate) {
    for (const { address } of addresses) {
      const kind = nonPublicAddressClass(address);
      if (kind) {
        const article = /^(?:[aeio]|un(?!i))/.test(kind) ? 'an' : 'a';
        const subject = address === hostname ? `${address} is` : `"${hostname}" resolves to ${address},`;
        throw new WebhookAddressError(`Refused: ${subject} ${article} ${kind} address; webhooks may only reach public addresses.`);
      }
    }
  }
  const [first] = addresses;
  return { url, hostname, address: first.address, family: first.family === 6 ? 6 : 4 };
}

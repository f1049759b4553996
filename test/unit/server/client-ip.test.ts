import type { IncomingMessage } from 'node:http';
import { loadConfig } from '../../../src/config/load-config';
import { clientIp } from '../../../src/server/client-ip';

// The client address behind proxies, as proxy-addr decides it: the socket peer is hop 1, then
// X-Forwarded-For from the right; only TRUST_PROXY_HOPS hops are believed, because every entry to
// their left was written by the client (a proxy appends what it saw, it does not clean the header).
const request = (socket: string, forwardedFor?: string | string[]) =>
  ({ socket: { remoteAddress: socket }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('clientIp', () => {
  it('takes the socket address and ignores X-Forwarded-For with no trusted hops (the default)', () => {
    expect(clientIp(request('10.0.0.5', '198.51.100.7'), 0)).toBe('10.0.0.5');
  });

  it('behind one proxy takes the rightmost entry, so a client-written leftmost entry cannot rotate its budget', () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the load balancer appended the address it saw.
    expect(clientIp(request('10.0.0.1', '1.2.3.4, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientIp(request('10.0.0.1', '5.6.7.8, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientIp(request('10.0.0.1', '203.0.113.9'), 1)).toBe('203.0.113.9');
  });

  it('behind two proxies takes the second entry from the right; repeated headers count as one list', () => {
    expect(clientIp(request('10.0.0.1', '1.2.3.4, 203.0.113.9, 10.0.0.2'), 2)).toBe('203.0.113.9');
    expect(clientIp(request('10.0.0.1', ['1.2.3.4', '203.0.113.9, 10.0.0.2']), 2)).toBe('203.0.113.9');
  });

  it('falls back to the leftmost known address when the chain is shorter than the trusted hops, and to the socket without a header', () => {
    expect(clientIp(request('10.0.0.1', '203.0.113.9'), 3)).toBe('203.0.113.9');
    expect(clientIp(request('10.0.0.1'), 1)).toBe('10.0.0.1');
    expect(clientIp(request('10.0.0.1', ' , '), 1)).toBe('10.0.0.1');
  });

  it('is configured by TRUST_PROXY_HOPS; the old TRUST_PROXY is refused by name', () => {
    expect(loadConfig({}).limits.trustProxyHops).toBe(0);
    expect(loadConfig({ TRUST_PROXY_HOPS: '2' }).limits.trustProxyHops).toBe(2);
    expect(() => loadConfig({ TRUST_PROXY_HOPS: '-1' })).toThrow(/TRUST_PROXY_HOPS/);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: replaced by TRUST_PROXY_HOPS/);
  });
});

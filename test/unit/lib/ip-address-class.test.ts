import { nonPublicAddressClass } from '../../../src/lib/ip-address-class';
import { retryDelayMs } from '../../../src/webhooks/webhook-worker';
import { signWebhookBody } from '../../../src/webhooks/signature';
import { createHmac } from 'node:crypto';

describe('which addresses a webhook may not reach', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['0.0.0.0', 'unspecified ("this network")'],
    ['10.20.30.40', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT'],
    ['169.254.169.254', 'link-local'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fdff:ffff::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback (IPv4 127.0.0.1 inside IPv6)'],
    ['::ffff:7f00:1', 'loopback (IPv4 127.0.0.1 inside IPv6)'],
    ['::ffff:a9fe:a9fe', 'link-local (IPv4 169.254.169.254 inside IPv6)'],
    ['64:ff9b::10.0.0.1', 'private (IPv4 10.0.0.1 inside IPv6)'],
    ['2002:c0a8:101::1', 'private (IPv4 192.168.1.1 inside IPv6)'],
  ])('%s is %s', (address, kind) => {
    expect(nonPublicAddressClass(address)).toBe(kind);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8', '2606:4700::1111'])(
    '%s is public',
    (address) => {
      expect(nonPublicAddressClass(address)).toBeNull();
    },
  );
});

describe('webhook retry delays', () => {
  const config = { retryBaseMs: 1000, retryMaxMs: 60_000 };
  it('double each time between half and all of the step, up to the maximum', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, config, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, config, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(30, config, () => 1)).toBe(60_000);
    expect(retryDelayMs(500, config, () => 0)).toBe(30_000);
  });
});

describe('webhook signatures', () => {
  it('are sha256= and the hex HMAC of "timestamp.body" under the secret', () => {
    const body = '{"id":"evt_1","type":"day.published"}';
    expect(signWebhookBody('whsec_test', 1764230400, body)).toBe(`sha256=${createHmac('sha256', 'whsec_test').update(`1764230400.${body}`).digest('hex')}`);
    expect(signWebhookBody('whsec_test', 1764230401, body)).not.toBe(signWebhookBody('whsec_test', 1764230400, body));
  });
});

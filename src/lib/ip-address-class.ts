import { isIP } from 'node:net';

// The ranges a webhook may not reach unless an operator allows it (docs/webhooks.md "Addresses"):
// everything that is not the public internet. IPv6 forms that carry an IPv4 address (mapped,
// compatible, NAT64, 6to4) are judged by that IPv4 address, so ::ffff:127.0.0.1 is loopback.

type Range = readonly [prefix: readonly number[], bits: number, label: string];

const IPV4: readonly Range[] = [
  [[0, 0, 0, 0], 8, 'unspecified ("this network")'],
  [[10, 0, 0, 0], 8, 'private'],
  [[100, 64, 0, 0], 10, 'carrier-grade NAT'],
  [[127, 0, 0, 0], 8, 'loopback'],
  [[169, 254, 0, 0], 16, 'link-local'],
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 0, 0, 0], 24, 'IETF protocol assignment'],
  [[192, 0, 2, 0], 24, 'documentation'],
  [[192, 168, 0, 0], 16, 'private'],
  [[198, 18, 0, 0], 15, 'benchmarking'],
  [[198, 51, 100, 0], 24, 'documentation'],
  [[203, 0, 113, 0], 24, 'documentation'],
  [[224, 0, 0, 0], 4, 'multicast'],
  [[240, 0, 0, 0], 4, 'reserved'],
];

const IPV6: readonly Range[] = [
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 128, 'unspecified'],
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 128, 'loopback'],
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64, 'discard-only'],
  [[0x20, 0x01, 0x0d, 0xb8], 32, 'documentation'],
  [[0xfc], 7, 'unique-local'],
  [[0xfe, 0x80], 10, 'link-local'],
  [[0xfe, 0xc0], 10, 'site-local'],
  [[0xff], 8, 'multicast'],
];

function inRange(bytes: readonly number[], [prefix, bits]: Range): boolean {
  for (let i = 0; i * 8 < bits; i++) {
    const mask = bits - i * 8 >= 8 ? 0xff : (0xff << (8 - (bits - i * 8))) & 0xff;
    if (((bytes[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

function ipv4Bytes(text: string): number[] {
  return text.split('.').map(Number);
}

/** The 16 bytes of a valid IPv6 text (with "::" and an optional trailing dotted quad). */
function ipv6Bytes(text: string): number[] {
  let body = text.split('%')[0].toLowerCase();
  const dotted = body.match(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    body = `${body.slice(0, -dotted[0].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = body.includes('::') ? body.split('::') : [body, undefined];
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const left = groups(head);
  const right = groups(rest);
  const middle = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((group) => parseInt(group, 16)).flatMap((word) => [word >> 8, word & 0xff]);
}

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), else null. */
function embeddedIpv4(bytes: readonly number[]): number[] | null {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12, 16); // ::ffff:a.b.c.d
  if (zeros(0, 12) && !zeros(12, 15)) return bytes.slice(12, 16); // ::a.b.c.d (deprecated "compatible")
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) return bytes.slice(12, 16); // 64:ff9b::/96
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6); // 2002::/16 (6to4)
  return null;
}

/**
 * Why an address is not on the public internet ("loopback", "private", …), or null when it is.
 * Throws on text that is not an IP address.
 */
export function nonPublicAddressClass(address: string): string | null {
  const family = isIP(address.split('%')[0]);
  if (family === 4) return IPV4.find((range) => inRange(ipv4Bytes(address), range))?.[2] ?? null;
  if (family !== 6) throw new TypeError(`"${address}" is not an IP address`);
  const bytes = ipv6Bytes(address);
  const v4 = embeddedIpv4(bytes);
  if (v4) {
    const label = IPV4.find((range) => inRange(v4, range))?.[2];
    return label ? `${label} (IPv4 ${v4.join('.')} inside IPv6)` : null;
  }
  return IPV6.find((range) => inRange(bytes, range))?.[2] ?? null;
}

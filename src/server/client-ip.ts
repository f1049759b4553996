import type { IncomingMessage } from 'node:http';

/**
 * The caller's address for rate limits and logs, as proxy-addr (Express's `trust proxy = n`)
 * decides it: the socket's peer is the first hop, then X-Forwarded-For's entries from the right
 * (each proxy appends the address it saw). With `trustedHops` proxies in front of the server, the
 * address `trustedHops` steps from the socket is the client; entries further left are whatever the
 * client chose to send and are never believed. 0 (the default) trusts no header: the socket peer.
 */
export function clientIp(req: IncomingMessage, trustedHops: number): string {
  const socket = req.socket.remoteAddress ?? 'unknown';
  if (trustedHops <= 0) return socket;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // [socket, rightmost, …, leftmost]; past the chain's end the leftmost address is the best known.
  const chain = [socket, ...forwarded.reverse()];
  return chain[Math.min(trustedHops, chain.length - 1)];
}

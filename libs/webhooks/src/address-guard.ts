import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * SSRF protection: a webhook may only reach public unicast addresses. Private, loopback,
 * link-local (169.254.169.254, the cloud metadata service), unique-local, CGNAT, multicast,
 * reserved and the IPv6 forms that embed IPv4 are refused, unless private endpoints are allowed.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // `process` turns IPv4-mapped IPv6 (::ffff:a.b.c.d) into its IPv4 address; the WHATWG URL
  // parser first writes an IPv6 the way the socket reads it (ipaddr.js reads "::a.b.c.d" as mapped)
  const parsed = ipaddr.process(isIP(address) === 6 ? canonicalIpv6(address) ?? '::' : address);
  if (parsed.kind() === 'ipv6' && isIpv4Compatible(parsed as ipaddr.IPv6)) return false;
  return parsed.range() === 'unicast';
}

/** "::7f00:1" for "::127.0.0.1"; null for what a URL cannot hold (a zone id: link-local, refused anyway). */
function canonicalIpv6(address: string): string | null {
  try {
    return new URL(`http://[${address}]`).hostname.slice(1, -1);
  } catch {
    return null;
  }
}

/**
 * ::/96, the deprecated IPv4-compatible form (RFC 4291 2.5.5.1): `[::127.0.0.1]` is written
 * `[::7f00:1]` by a URL parser and ipaddr.js calls it unicast, yet a dual-stack host may route it
 * to the embedded IPv4 address. Nothing public lives there, so all of it is refused.
 */
function isIpv4Compatible(address: ipaddr.IPv6): boolean {
  return address.parts.slice(0, 6).every((part) => part === 0);
}

export class EndpointRefusedError extends Error {}

/** Checks a URL's scheme and shape; the addresses are checked by `resolvePublic`. */
export function checkUrlShape(text: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new EndpointRefusedError('url must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new EndpointRefusedError('url must use https');
  if (url.protocol === 'http:' && !allowPrivate) throw new EndpointRefusedError('url must use https (http is allowed only with WEBHOOK_ALLOW_PRIVATE=true)');
  if (url.username || url.password) throw new EndpointRefusedError('url must not carry credentials');
  return url;
}

const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** Resolves the URL's host and refuses it when any address is not public (at creation time). */
export async function checkEndpoint(text: string, allowPrivate: boolean): Promise<URL> {
  const url = checkUrlShape(text, allowPrivate);
  if (allowPrivate) return url;
  const host = hostOf(url);
  const addresses = isIP(host) ? [host] : await new Promise<string[]>((resolve, reject) =>
    dnsLookup(host, { all: true }, (error, found) => (error ? reject(new EndpointRefusedError(`url host ${host} does not resolve`)) : resolve(found.map((a) => a.address)))));
  const refused = addresses.find((address) => !isPublicAddress(address));
  if (refused) throw new EndpointRefusedError(`url resolves to ${refused}, a private, loopback or link-local address`);
  return url;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for the connection itself: the address the socket connects to is the one checked,
 * so a name that resolved to a public address at creation cannot be re-pointed (DNS rebinding).
 */
export function guardedLookup(hostname: string, options: { all?: boolean }, callback: LookupCallback): void {
  dnsLookup(hostname, { all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const refused = addresses.find((address) => !isPublicAddress(address.address));
    if (refused) return callback(new EndpointRefusedError(`${hostname} resolves to ${refused.address}, a non-public address`), []);
    if (options.all) return callback(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
}

/** An IP literal host never reaches `lookup`: it is checked before connecting. */
export function checkLiteralHost(url: URL): void {
  const host = hostOf(url);
  if (isIP(host) && !isPublicAddress(host)) throw new EndpointRefusedError(`${host} is a non-public address`);
}

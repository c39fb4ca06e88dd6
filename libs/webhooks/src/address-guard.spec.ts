import { describe, expect, it } from '@jest/globals';
import { checkEndpoint, checkUrlShape, isPublicAddress } from './address-guard.js';

describe('webhook endpoint addresses (SSRF)', () => {
  it('accepts public unicast addresses only', () => {
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946']) expect(isPublicAddress(address)).toBe(true);
    for (const address of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
      '::1', 'fe80::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '224.0.0.1', 'not-an-ip',
      // IPv4-compatible (::/96) and IPv4-mapped IPv6, as written and as a URL parser rewrites them
      '::127.0.0.1', '::7f00:1', '::169.254.169.254', '::a9fe:a9fe', '::8.8.8.8', '::', '::ffff:7f00:1', '::ffff:a9fe:a9fe',
      '64:ff9b::7f00:1', '2002:7f00:1::', '2001::1', 'fe80::1%eth0']) {
      expect(isPublicAddress(address)).toBe(false);
    }
  });

  it('refuses loopback, metadata and private endpoints, and names that resolve to them', async () => {
    for (const url of ['https://127.0.0.1/hook', 'https://169.254.169.254/latest', 'https://10.0.0.1/', 'https://localhost/hook', 'https://[::1]/',
      'https://[::127.0.0.1]/', 'https://[::7f00:1]/', 'https://[::169.254.169.254]/', 'https://[::ffff:127.0.0.1]/']) {
      await expect(checkEndpoint(url, false)).rejects.toThrow(/address|resolve/);
    }
  });

  it('requires https unless private endpoints are allowed', () => {
    expect(() => checkUrlShape('http://example.org/hook', false)).toThrow(/https/);
    expect(checkUrlShape('http://127.0.0.1:9/hook', true).port).toBe('9');
    expect(() => checkUrlShape('ftp://example.org', true)).toThrow(/https/);
    expect(() => checkUrlShape('not a url', true)).toThrow(/absolute/);
  });
});

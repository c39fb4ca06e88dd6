import { afterEach, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { generateSecret, signDelivery } from './signing.js';

/** Any key length the scheme allows (Standard Webhooks recommends 24 to 64 bytes), as whsec_ + base64. */
const secrets = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((key) => `whsec_${Buffer.from(key).toString('base64')}`);
/** message ids (printable, no separator the scheme uses between its parts... and with one too) */
const ids = fc.oneof(fc.uuid().map((id) => `msg_${id}`), fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme-ascii' }));
/** bodies: JSON of any unicode (astral planes included), or raw text with lone surrogates */
const bodies = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
);
/** signing times from 1970 to 2100, to the millisecond (the header carries whole seconds) */
const times = fc.integer({ min: 0, max: 4_102_444_800_000 }).map((ms) => new Date(ms));

/** The reference library's verdict at the moment of signing (it refuses timestamps over 5 minutes from its clock). */
function referenceVerifies(secret: string, body: string, headers: Record<string, string>, at: Date): boolean {
  jest.spyOn(Date, 'now').mockReturnValue(at.getTime());
  try {
    new Webhook(secret).verify(body, headers, { jsonParse: false } as never);
    return true;
  } catch {
    return false;
  }
}

describe('signing deliveries (Standard Webhooks, with node:crypto)', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('matches the specification known-answer vector', () => {
    // the vector of the Standard Webhooks specification and its reference libraries
    const headers = signDelivery(['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'], 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      new Date(1614265330 * 1000), '{"test": 2432232314}');
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('makes the very signature the reference library makes, which its verify accepts, for any id, time, body and secret', () => {
    fc.assert(fc.property(secrets, ids, times, bodies, (secret, id, at, body) => {
      const headers = signDelivery([secret], id, at, body);
      expect(headers['webhook-timestamp']).toBe(String(Math.floor(at.getTime() / 1000)));
      expect(headers['webhook-signature']).toBe(new Webhook(secret).sign(id, at, body));
      expect(referenceVerifies(secret, body, { ...headers }, at)).toBe(true);
    }), { numRuns: 500 });
  });

  it('during a rotation, signs with every secret: a receiver holding any one of them verifies, one holding another does not', () => {
    fc.assert(fc.property(fc.uniqueArray(secrets, { minLength: 2, maxLength: 4 }), secrets, ids, times, bodies, (held, stranger, id, at, body) => {
      fc.pre(!held.includes(stranger));
      const headers = signDelivery(held, id, at, body);
      expect(headers['webhook-signature'].split(' ')).toHaveLength(held.length);
      for (const secret of held) expect(referenceVerifies(secret, body, { ...headers }, at)).toBe(true);
      expect(referenceVerifies(stranger, body, { ...headers }, at)).toBe(false);
    }), { numRuns: 200 });
  });

  it('is refused by the reference library once anything signed is changed: the body, the id, the timestamp or the signature', () => {
    const tamper = fc.constantFrom('body', 'id', 'timestamp', 'signature');
    fc.assert(fc.property(secrets, ids, times, fc.json({ maxDepth: 2 }), tamper, fc.nat(), (secret, id, at, body, what, n) => {
      const headers: Record<string, string> = { ...signDelivery([secret], id, at, body) };
      let sent = body;
      if (what === 'body') sent = `${body} `;
      if (what === 'id') headers['webhook-id'] = `${id}x`;
      if (what === 'timestamp') headers['webhook-timestamp'] = String(Number(headers['webhook-timestamp']) + 1 + (n % 299));
      if (what === 'signature') {
        const digest = Buffer.from(headers['webhook-signature']!.slice(3), 'base64');
        digest[n % digest.length]! ^= 1 << (n % 8);
        headers['webhook-signature'] = `v1,${digest.toString('base64')}`;
      }
      expect(referenceVerifies(secret, sent, headers, at)).toBe(false);
    }), { numRuns: 300 });
  });

  it('refuses to sign with a secret that is not whsec_ and padded base64, rather than sign with a key no receiver holds', () => {
    expect(() => signDelivery(['whsec_not base64!'], 'msg_1', new Date(), '{}')).toThrow(/whsec_/);
    expect(() => signDelivery(['whsec_'], 'msg_1', new Date(), '{}')).toThrow(/whsec_/);
  });

  it('makes secrets in the whsec_ form with 24 random bytes', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(generateSecret()).not.toBe(secret);
  });
});

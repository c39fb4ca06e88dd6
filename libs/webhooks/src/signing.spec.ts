import { describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { generateSecret, signDelivery } from './signing.js';

describe('signing deliveries (Standard Webhooks)', () => {
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

  it('signs with both secrets during a rotation, so a receiver holding either one verifies', () => {
    const [oldSecret, newSecret] = [generateSecret(), generateSecret()];
    const body = JSON.stringify({ type: 'InstitutionsBanned.v1', data: {} });
    const headers = { ...signDelivery([newSecret, oldSecret], 'msg_1', new Date(), body) };
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(oldSecret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(newSecret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateSecret()).verify(body, headers)).toThrow();
  });

  it('makes secrets in the whsec_ form with 24 random bytes', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(generateSecret()).not.toBe(secret);
  });
});

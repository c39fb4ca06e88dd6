import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { Webhook } from 'standardwebhooks';

/** A new signing secret in the Standard Webhooks form: whsec_ + base64 of 24 random bytes. */
export const generateSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

/** A signer per secret, kept (its key decoded once), not one per delivery; a rotated-out secret ages out. */
const signers = new LRUCache<string, Webhook>({ max: 10_000 });
const signerOf = (secret: string): Webhook => {
  let signer = signers.get(secret);
  if (!signer) signers.set(secret, (signer = new Webhook(secret)));
  return signer;
};

export interface SignedHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/**
 * The Standard Webhooks headers for one attempt. With several secrets (during a rotation's grace
 * period) the signature header lists one signature per secret, space separated: a receiver holding
 * either secret verifies.
 */
export function signDelivery(secrets: readonly string[], webhookId: string, at: Date, body: string): SignedHeaders {
  const signatures = secrets.map((secret) => signerOf(secret).sign(webhookId, at, body));
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}

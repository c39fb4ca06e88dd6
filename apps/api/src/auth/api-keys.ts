import { createHash, timingSafeEqual } from 'node:crypto';

export const ROLES = ['editor', 'auditor', 'subscriber'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKey {
  readonly role: Role;
  /** the actor recorded on events; never the key itself */
  readonly name: string;
  readonly digest: Buffer;
}

export interface Principal {
  readonly actor: string;
  readonly roles: readonly Role[];
}

const digestOf = (key: string): Buffer => createHash('sha256').update(key).digest();

/**
 * API_KEYS="editor:KEY,auditor:KEY2[:name]". The optional third part names the key's owner;
 * without it the actor is the role plus a short fingerprint of the key.
 */
export function parseApiKeys(text: string | undefined): ApiKey[] {
  if (!text?.trim()) return [];
  return text.split(',').map((entry, index) => {
    const [role, key, name] = entry.trim().split(':');
    if (!role || !(ROLES as readonly string[]).includes(role) || !key) {
      throw new Error(`API_KEYS entry ${index + 1} must be role:key[:name] with role one of ${ROLES.join(', ')}`);
    }
    const digest = digestOf(key);
    return { role: role as Role, name: name || `${role}-${digest.toString('hex').slice(0, 8)}`, digest };
  });
}

export function findKey(keys: readonly ApiKey[], presented: string): ApiKey | undefined {
  const digest = digestOf(presented);
  return keys.find((key) => timingSafeEqual(key.digest, digest));
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
export const isLoopback = (ip: string | undefined): boolean => ip !== undefined && LOOPBACK.test(ip);

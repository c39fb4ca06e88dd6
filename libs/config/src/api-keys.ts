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
  /** the keyless local default (no API_KEYS, a loopback client): the only caller there is */
  readonly keyless?: boolean;
}

const digestOf = (key: string): Buffer => createHash('sha256').update(key).digest();

/**
 * API_KEYS: entries separated by commas, each in one of two forms (the character after the role
 * tells them apart, so no entry can be read two ways):
 *
 * - `role/name:key`: the name, then everything after the first colon is the key (colons included).
 * - `role:key[:name]`: the original form; a key without colons, the optional name after it (without
 *   a name the actor is the role plus a short fingerprint of the key). An entry of this form with
 *   more than three parts is refused, naming the other form: it cannot say where its key ends.
 *
 * Keys cannot contain commas; spaces around an entry are ignored.
 */
export function parseApiKeys(text: string | undefined): ApiKey[] {
  if (!text?.trim()) return [];
  return text.split(',').map((entry, index) => parseEntry(entry.trim(), index + 1));
}

const FORMS = 'role/name:key or role:key[:name]';

function parseEntry(entry: string, position: number): ApiKey {
  const fail = (why: string): never => {
    throw new Error(`API_KEYS entry ${position} ${why}: use ${FORMS}, role one of ${ROLES.join(', ')} (a key with colons needs role/name:key)`);
  };
  const role = /^[a-z]+/.exec(entry)?.[0] ?? '';
  if (!(ROLES as readonly string[]).includes(role)) fail(`does not start with a role`);
  const rest = entry.slice(role.length);
  let key: string;
  let name: string | undefined;
  if (rest.startsWith('/')) {
    const colon = rest.indexOf(':');
    if (colon < 0) fail('has no key');
    name = rest.slice(1, colon).trim();
    key = rest.slice(colon + 1);
    if (!name) fail('has an empty name');
  } else if (rest.startsWith(':')) {
    const parts = rest.slice(1).split(':');
    if (parts.length > 2) fail('is ambiguous (more than three colon-separated parts)');
    [key = '', name] = parts as [string, string | undefined];
  } else {
    return fail('does not follow its role with "/" or ":"');
  }
  if (!key) fail('has an empty key');
  const digest = digestOf(key);
  return { role: role as Role, name: name || `${role}-${digest.toString('hex').slice(0, 8)}`, digest };
}

export function findKey(keys: readonly ApiKey[], presented: string): ApiKey | undefined {
  const digest = digestOf(presented);
  return keys.find((key) => timingSafeEqual(key.digest, digest));
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
export const isLoopback = (ip: string | undefined): boolean => ip !== undefined && LOOPBACK.test(ip);

import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

/**
 * No container engine runs here, so this checks what can be checked without one: the
 * many-machines deployment (docker-compose.yml, Dockerfile, .dockerignore) is wired together.
 */
const read = (name: string): string => readFileSync(new URL(`../../${name}`, import.meta.url), 'utf8');

interface Healthcheck { test?: string | string[]; disable?: boolean }
interface Service {
  image?: string;
  build?: string | { context: string };
  command?: string | string[];
  environment?: Record<string, string> | string[];
  ports?: Array<string | { target: number; published?: string | number }>;
  expose?: Array<string | number>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  deploy?: { replicas?: number };
  healthcheck?: Healthcheck;
  volumes?: Array<string | { type?: string; source?: string; target: string }>;
}
interface Compose { services: Record<string, Service>; volumes?: Record<string, unknown> }

const composeText = read('docker-compose.yml');
const compose = parse(composeText, { merge: true }) as Compose;
const dockerfile = read('Dockerfile');
const dockerignore = read('.dockerignore');
const service = (name: string): Service => {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
};
const environmentOf = (name: string): Record<string, string> => {
  const environment = service(name).environment ?? {};
  if (!Array.isArray(environment)) return Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, String(v)]));
  return Object.fromEntries(environment.map((entry) => {
    const at = entry.indexOf('=');
    return [entry.slice(0, at), entry.slice(at + 1)];
  }));
};
/** Container ports a service publishes or exposes, with the size of each host port range. */
const portsOf = (name: string): Array<{ container: number; hostPorts: number }> =>
  [...(service(name).ports ?? []), ...(service(name).expose ?? [])].map((port) => {
    if (typeof port === 'object') return { container: port.target, hostPorts: port.published === undefined ? 0 : 1 };
    const parts = String(port).split(':');
    const container = Number(parts.at(-1)!.split('/')[0]);
    const host = parts.length > 1 ? parts.at(-2)! : '';
    const [from, to] = host.split('-').map(Number);
    return { container, hostPorts: host === '' ? 0 : to === undefined ? 1 : to! - from! + 1 };
  });

const APPS = ['api', 'projector'] as const;

describe('docker-compose.yml', () => {
  it('runs the log, the read-model database, the api and the projector', () => {
    expect(Object.keys(compose.services).sort()).toEqual(expect.arrayContaining(['api', 'kurrentdb', 'postgres', 'projector']));
  });

  it.each(['kurrentdb', 'postgres', 'api', 'projector'])('gives %s a healthcheck', (name) => {
    const { healthcheck } = service(name);
    expect(healthcheck?.disable).not.toBe(true);
    const test = healthcheck?.test;
    expect(Array.isArray(test) ? test.join(' ') : test).toMatch(/\S/);
    if (Array.isArray(test)) expect(['CMD', 'CMD-SHELL']).toContain(test[0]);
  });

  it('runs KurrentDB single-node, insecure, on 2113', () => {
    const kurrentdb = service('kurrentdb');
    expect(kurrentdb.image).toBe('docker.io/kurrent/kurrentdb:latest');
    expect(environmentOf('kurrentdb')).toMatchObject({
      KURRENTDB_CLUSTER_SIZE: '1', KURRENTDB_RUN_PROJECTIONS: 'None', KURRENTDB_INSECURE: 'true',
      KURRENTDB_ENABLE_ATOM_PUB_OVER_HTTP: 'true',
    });
    expect(portsOf('kurrentdb').map((port) => port.container)).toContain(2113);
    expect(JSON.stringify(kurrentdb.healthcheck?.test)).toContain('2113');
  });

  it('runs PostgreSQL 18 with the timeline database, checked by pg_isready', () => {
    expect(service('postgres').image).toBe('postgres:18');
    expect(environmentOf('postgres')).toMatchObject({ POSTGRES_USER: 'timeline', POSTGRES_PASSWORD: 'timeline', POSTGRES_DB: 'timeline' });
    expect(JSON.stringify(service('postgres').healthcheck?.test)).toContain('pg_isready');
  });

  it.each(APPS)('points %s at the kurrentdb service for the log', (name) => {
    const url = new URL(environmentOf(name).EVENTSTORE_CONNECTION_STRING ?? 'missing:');
    expect([url.protocol, url.hostname, url.port, url.searchParams.get('tls')]).toEqual(['esdb:', 'kurrentdb', '2113', 'false']);
  });

  it.each(APPS)('points %s at the postgres service for the read models, with its credentials', (name) => {
    const url = new URL(environmentOf(name).DATABASE_URL ?? 'missing:');
    const postgres = environmentOf('postgres');
    expect({ protocol: url.protocol, host: url.hostname, port: url.port, user: url.username, password: url.password,
      database: url.pathname.slice(1) }).toEqual({ protocol: 'postgres:', host: 'postgres', port: '5432',
      user: postgres.POSTGRES_USER, password: postgres.POSTGRES_PASSWORD, database: postgres.POSTGRES_DB });
  });

  it.each(APPS)('configures %s by environment, requiring API_KEYS', (name) => {
    const environment = environmentOf(name);
    expect(environment).toMatchObject({ PORT: '3000', HOST: '0.0.0.0', ROLE: name });
    expect(environment.API_KEYS).toMatch(/^\$\{API_KEYS:\?.+\}$/);
  });

  it.each(APPS)('starts %s only once kurrentdb and postgres are healthy', (name) => {
    const dependsOn = service(name).depends_on;
    expect(Array.isArray(dependsOn)).toBe(false);
    expect(dependsOn).toMatchObject({ kurrentdb: { condition: 'service_healthy' }, postgres: { condition: 'service_healthy' } });
  });

  it('runs several api replicas from this repository, each serving port 3000', () => {
    const api = service('api');
    expect(api.build === '.' || (typeof api.build === 'object' && api.build.context === '.')).toBe(true);
    const replicas = api.deploy?.replicas ?? 1;
    expect(replicas).toBeGreaterThanOrEqual(2);
    const ports = portsOf('api').filter((port) => port.container === 3000);
    expect(ports).toHaveLength(1);
    // replicas cannot share one host port: a range as wide as the replicas, or none at all
    expect(ports[0]!.hostPorts === 0 || ports[0]!.hostPorts >= replicas).toBe(true);
  });

  it('offers the log in PostgreSQL as the profile postgres-log: the same api and projector, no KurrentDB', () => {
    for (const [name, role] of [['api-pg', 'api'], ['projector-pg', 'projector']] as const) {
      const pg = service(name) as Service & { profiles?: string[] };
      expect(pg.profiles).toEqual(['postgres-log']);
      expect(pg.image ?? pg.build).toEqual(service(role).image ?? service(role).build);
      const environment = environmentOf(name);
      expect(environment.EVENTSTORE_CONNECTION_STRING).toMatch(/^postgres:\/\/.+@postgres:5432\//);
      expect(environment.DATABASE_URL).toBe(environmentOf(role).DATABASE_URL);
      expect(environment.ROLE).toBe(role);
      expect(Object.keys(pg.depends_on ?? {})).toEqual(['postgres']);
    }
  });

  it('runs the projector from the same image with its own entry point', () => {
    const api = service('api');
    const projector = service('projector');
    expect(projector.image ?? projector.build).toEqual(api.image ?? api.build);
    const command = Array.isArray(projector.command) ? projector.command.join(' ') : projector.command;
    expect(command).toBe('node dist/apps/projector/src/main.js');
    expect(projector.deploy?.replicas ?? 1).toBe(1);
  });

  it('declares every named volume it mounts', () => {
    const mounted = Object.values(compose.services).flatMap((each) => (each.volumes ?? []).map((volume) =>
      typeof volume === 'string' ? volume.split(':')[0]! : volume.source ?? ''));
    const named = mounted.filter((source) => source !== '' && !/^[./~]/.test(source));
    expect(named.sort()).toEqual(['kurrentdb-data', 'kurrentdb-logs', 'postgres-data']);
    expect(Object.keys(compose.volumes ?? {}).sort()).toEqual(named);
  });
});

describe('registries', () => {
  // anything shaped like a public host name (main.js or process.env are not)
  const HOST = /\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|org|net|io|dev|sh|cloud|app|co|ai|aws|cn|gov|edu|info)\b/gi;

  it('names no registry host but the KurrentDB image', () => {
    expect(composeText.match(HOST)).toEqual(['docker.io']);
    expect(composeText).toContain('image: docker.io/kurrent/kurrentdb:latest');
    expect(dockerfile.match(HOST)).toBeNull();
  });

  it('leaves the package registry configuration to the build machine', () => {
    for (const text of [composeText, dockerfile]) expect(text).not.toMatch(/registry|\.npmrc|pip\.conf/i);
  });
});

describe('Dockerfile', () => {
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages = instructions.filter((line) => /^FROM\s/i.test(line));
  const runtime = instructions.slice(instructions.lastIndexOf(stages.at(-1)!));

  it('builds in one stage and runs in another, both on node:22-bookworm-slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage).toMatch(/^FROM node:22-bookworm-slim(\s+AS\s+\S+)?$/i);
    const build = instructions.join('\n');
    expect(build).toMatch(/apt-get install[^\n]*\bpython3\b[^\n]*\bmake\b[^\n]*\bg\+\+/);
    expect(build).toMatch(/RUN npm ci\b/);
    expect(build).toMatch(/RUN npm run build\b/);
    expect(build).toMatch(/npm prune --omit=dev/);
    expect(runtime.filter((line) => /^COPY --from=/.test(line)).join('\n')).toMatch(/node_modules[\s\S]*dist/);
  });

  it('runs as a non-root user', () => {
    const users = runtime.filter((line) => /^USER\s/i.test(line)).map((line) => line.split(/\s+/)[1]);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).toBe('node');
    expect(['root', '0']).not.toContain(users.at(-1));
  });

  it('exposes 3000, checks /health with node, and starts the api', () => {
    expect(runtime).toContain('EXPOSE 3000');
    const healthcheck = runtime.find((line) => /^HEALTHCHECK\s/i.test(line));
    expect(healthcheck).toMatch(/CMD \["node", "-e", ".*fetch\(.*\/health/);
    expect(runtime.at(-1)).toBe('CMD ["node", "dist/apps/api/src/main.js"]');
  });

  it('keeps local state and build output out of the build context', () => {
    const ignored = dockerignore.split('\n').map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'data', '.git', 'test-artifacts']));
  });
});

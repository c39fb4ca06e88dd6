import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './app-config.js';
import { ConfigError, ENVIRONMENT } from './environment.js';
import { loadWebhookConfig } from './webhook-config.js';

const README = readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');
/** The rows of the README's Configuration table: `| \`NAME\` | default | meaning |` */
const configurationSection = README.slice(README.indexOf('## Configuration'), README.indexOf('\n## ', README.indexOf('## Configuration') + 1));
const documented = [...configurationSection.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1]);

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('the environment schema', () => {
  it('is what the README documents: every variable read has a row in Configuration, and every row is read', () => {
    expect([...documented].sort()).toStrictEqual(Object.keys(ENVIRONMENT.shape).sort());
  });

  it('reads true/false and 1/0 (any case), and refuses anything else instead of reading it as false', () => {
    expect(loadWebhookConfig({ WEBHOOK_ALLOW_PRIVATE: '1' }).allowPrivate).toBe(true);
    expect(loadWebhookConfig({ WEBHOOK_ALLOW_PRIVATE: 'TRUE' }).allowPrivate).toBe(true);
    expect(loadWebhookConfig({ WEBHOOK_ALLOW_PRIVATE: '0' }).allowPrivate).toBe(false);
    expect(loadConfig({ SEED_ON_START: '0' }).seedOnStart).toBe(false);
    expect(problemsOf({ WEBHOOK_ALLOW_PRIVATE: 'yes', SEED_ON_START: 'no' })).toStrictEqual([
      'SEED_ON_START must be true, false, 1 or 0; got "no"',
      'WEBHOOK_ALLOW_PRIVATE must be true, false, 1 or 0; got "yes"',
    ]);
  });

  it('reports every bad variable at once, one line each, naming it and what it must be', () => {
    expect(problemsOf({ PORT: 'x', ROLE: 'web', LOG_LEVEL: 'loud', CORS_ORIGINS: 'ftp://files', WEBHOOK_TIMEOUT_MS: '10', ANSWER_WORKERS: '2.5' })).toStrictEqual([
      'PORT must be an integer from 0 to 65535; got "x"',
      'ROLE must be one of all, api, projector; got "web"',
      'ANSWER_WORKERS must be an integer from 0 to 64; got "2.5"',
      'CORS_ORIGINS must be * or comma-separated origins such as https://app.example.org (scheme, host, optional port); got "ftp://files"',
      'LOG_LEVEL must be one of info, fatal, error, warn, debug, trace, silent; got "loud"',
      'WEBHOOK_TIMEOUT_MS must be a number >= 100; got "10"',
    ]);
  });

  it('never repeats a key or a connection string (they hold secrets)', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://reader:hunter2@db/timeline', EVENTSTORE_CONNECTION_STRING: 'http://admin:hunter2@es', API_KEYS: 'boss:hunter2' });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).not.toContain('hunter2');
    expect(problems[0]).toMatch(/^API_KEYS entry 1 does not start with a role/);
    expect(problems[1]).toBe('EVENTSTORE_CONNECTION_STRING must be a connection string starting with esdb://, esdb+discover://, kurrentdb://, kurrentdb+discover://, kurrent://, kurrent+discover://, postgres://, postgresql://');
    expect(problems[2]).toBe('DATABASE_URL must be a connection string starting with postgres://, postgresql://');
  });

  it('takes blank as unset, and parses lists', () => {
    const config = loadConfig({ PORT: ' ', ANSWER_WORKERS: '', CORS_ORIGINS: 'https://a.example.org, http://localhost:5173', EVENTSTORE_CONNECTION_STRING: 'esdb://a:2113,b:2113?tls=false' });
    expect(config.port).toBe(3000);
    expect(config.answerWorkers).toBeGreaterThanOrEqual(1);
    // the folds' own thread by default; 0: they share the answer workers
    expect(config.foldWorkers).toBe(1);
    expect(loadConfig({ FOLD_WORKERS: '0' }).foldWorkers).toBe(0);
    expect(() => loadConfig({ FOLD_WORKERS: '-1' })).toThrow(/FOLD_WORKERS/);
    expect(config.corsOrigins).toStrictEqual(['https://a.example.org', 'http://localhost:5173']);
    expect(config.eventStoreConnectionString).toBe('esdb://a:2113,b:2113?tls=false');
  });
});

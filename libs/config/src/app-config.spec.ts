import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './app-config.js';
import { loadWebhookConfig } from './webhook-config.js';

describe('configuration from the environment', () => {
  it('given nothing set, when loaded, then the one-machine defaults: loopback only, port 3000, files under ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000, host: '127.0.0.1', embeddedProjector: true, projectorThread: true, seedOnStart: true, readModelMismatch: 'rebuild',
      maxBodyBytes: 1024 * 1024, readYourWritesTimeoutMs: 5000, readConcurrency: 2, readQueue: 32, rateLimits: { anonymous: 0, keyed: 0, windowSeconds: 60 }, corsOrigins: [], logLevel: 'info',
      answerCacheBytes: 64 * 1024 * 1024, apiKeys: [],
      http: { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 72_000, connectionTimeoutMs: 120_000 },
    });
    expect(config.sqlitePath).toBe(path.resolve('data', 'events.sqlite'));
  });

  it('given API keys, when loaded, then the server listens beyond this machine (HOST, default every interface)', () => {
    expect(loadConfig({ API_KEYS: 'editor/newsroom:secret' }).host).toBe('0.0.0.0');
    expect(loadConfig({ API_KEYS: 'editor/newsroom:secret', HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
  });

  it.each([
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535; got "70000"'],
    [{ READ_MODEL_MISMATCH: 'ignore' }, 'READ_MODEL_MISMATCH must be one of rebuild, refuse; got "ignore"'],
    [{ HTTP_REQUEST_TIMEOUT_MS: '5s' }, 'HTTP_REQUEST_TIMEOUT_MS must be an integer from 100 to 3600000 (milliseconds); got "5s"'],
    [{ HTTP_HEADERS_TIMEOUT_MS: '40000' }, 'HTTP_HEADERS_TIMEOUT_MS (40000) must not exceed HTTP_REQUEST_TIMEOUT_MS (30000)'],
  ])('given %p, when loaded, then it is refused naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('given a bad webhook setting, when loaded, then it is refused naming the variable', () => {
    expect(loadWebhookConfig({})).toMatchObject({ allowPrivate: false, timeoutMs: 15_000, pollMs: 250, maxPayloadBytes: 256 * 1024 });
    expect(() => loadWebhookConfig({ WEBHOOK_TIMEOUT_MS: '10' })).toThrow('WEBHOOK_TIMEOUT_MS must be a number >= 100; got "10"');
  });
});

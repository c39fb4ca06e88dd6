import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Fastify from 'fastify';

export interface Server {
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** The service, and how many threads compute its answers. */
export interface Service extends Server {
  readonly answerWorkers: number;
}

const urlOf = (address: string | AddressInfo | null): string =>
  `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

/** the compiled server the bench starts, as `npm start` runs it (the bench itself runs from dist) */
const SERVER = path.resolve(import.meta.dirname, '../../apps/api/src/main.js');

/**
 * The service as `npm start` runs it (embedded projector), in a process of its own over the data
 * directory's files (env: DATABASE_URL...), once it says it is ready; with the number of answer
 * worker threads it started (its /health says).
 */
export async function startService(dataDir: string, env: Record<string, string> = {}): Promise<Service> {
  // BENCH_SERVER_CPU_PROF_DIR: the service writes a V8 CPU profile there when it stops (what a gap is made of)
  const profile = process.env.BENCH_SERVER_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_CPU_PROF_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, SERVER], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', API_KEYS: '', SEED_ON_START: 'false', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  let output = '';
  const baseUrl = await new Promise<string>((resolve, reject) => {
    // JSON lines (pino's own format, the cheapest): one per request once ready, of which only the last are kept
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      const ready = /ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (ready && /health: /.test(output)) resolve(ready[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(([code]) => reject(new Error(`the service exited (${String(code)}) before it was ready:\n${output.slice(-2000)}`)));
  });
  const health = (await (await fetch(`${baseUrl}/health`)).json()) as { answers?: { workers?: number } };
  return {
    baseUrl,
    answerWorkers: health.answers?.workers ?? 0,
    async close() {
      // SIGTERM: the service finishes the requests in flight (a load generator's last ones) and closes its files
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A bare Fastify route answering each path with the bytes recorded for it: the HTTP floor. */
export async function startBareFastify(answers: ReadonlyMap<string, { body: Buffer; contentType: string }>): Promise<Server> {
  const app = Fastify({ logger: false });
  app.get('/*', (request, reply) => {
    const answer = answers.get(request.url);
    if (!answer) return reply.code(404).send();
    return reply.header('content-type', answer.contentType).send(answer.body);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { baseUrl: urlOf(app.server.address()), close: () => app.close() };
}

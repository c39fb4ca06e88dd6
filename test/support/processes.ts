import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import path from 'node:path';

/** The compiled api and projector (`npx tsc -p tsconfig.build.json`) started as `npm start` runs them. */
export const root = path.resolve(import.meta.dirname, '..', '..');
export const API = path.join(root, 'dist/apps/api/src/main.js');
export const PROJECTOR = path.join(root, 'dist/apps/projector/src/main.js');
/** `regtl rebuild` (npm run projector:rebuild), as `run` takes it */
export const REBUILD = [path.join(root, 'dist/apps/cli/src/main.js'), 'rebuild'] as const;

export interface Running { child: ChildProcess; baseUrl: string; output: () => string }
export type Outcome = { ready: Running; ms: number } | { exited: number | null; signal: NodeJS.Signals | null; output: string; ms: number };

const READY = [/ready at (http:\/\/127\.0\.0\.1:\d+)[\s\S]*health: /, /health on (http:\/\/127\.0\.0\.1:\d+)/];

/** Starts the script on the data dir; resolves when it says it is ready or when it exits; a start that does neither within timeoutMs is killed and rejects. */
export function launch(script: string, dataDir: string, env: Record<string, string> = {}, timeoutMs = 30_000, options: SpawnOptions = {}): Promise<Outcome> {
  const started = Date.now();
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', API_KEYS: '', LOG_FORMAT: 'text', ...env }, cwd: root, ...options,
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(script)} on ${dataDir} neither ready nor exited in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    let ready = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready) return;
      for (const pattern of READY) {
        const match = pattern.exec(output);
        if (match) {
          ready = true;
          clearTimeout(timer);
          resolve({ ready: { child, baseUrl: match[1] as string, output: () => output }, ms: Date.now() - started });
          return;
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready) resolve({ exited: code, signal, output, ms: Date.now() - started });
    });
  });
}

export async function start(script: string, dataDir: string, env: Record<string, string> = {}, timeoutMs = 30_000): Promise<Running> {
  const outcome = await launch(script, dataDir, env, timeoutMs);
  if ('exited' in outcome) throw new Error(`${path.basename(script)} exited with ${outcome.exited}:\n${outcome.output}`);
  return outcome.ready;
}

/** Sends the signal and resolves once the process has exited. */
export const stop = (child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') => new Promise<void>((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) return resolve();
  child.once('exit', () => resolve());
  child.kill(signal);
});

/** Runs a script (or a script and its arguments) to its end (rebuild), rejecting on a non-zero exit. */
export function run(command: string | readonly string[], dataDir: string, env: Record<string, string> = {}, timeoutMs = 30_000): Promise<string> {
  const [script, ...args] = typeof command === 'string' ? [command] : command;
  const child = spawn(process.execPath, [script as string, ...args], { env: { ...process.env, DATA_DIR: dataDir, API_KEYS: '', ...env }, cwd: root });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${path.basename(script as string)} ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

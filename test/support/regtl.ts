import { spawn } from 'node:child_process';
import path from 'node:path';

/** The compiled CLI (`npx tsc -p tsconfig.build.json`; npm test builds first), run as `npx regtl` runs it. */
export const root = path.resolve(import.meta.dirname, '..', '..');
export const REGTL = path.join(root, 'dist/apps/cli/src/main.js');

export interface RegtlRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `regtl ...args` to its end (stdin closed, not a terminal), with the environment given over ours. */
export function regtl(args: readonly string[], env: Record<string, string | undefined> = {}, options: { cwd?: string; timeoutMs?: number } = {}): Promise<RegtlRun> {
  const child = spawn(process.execPath, [REGTL, ...args], {
    cwd: options.cwd ?? root, env: { ...process.env, API_KEYS: '', REGTL_URL: undefined, REGTL_API_KEY: undefined, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`regtl ${args.join(' ')} did not end in ${options.timeoutMs ?? 60_000} ms:\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

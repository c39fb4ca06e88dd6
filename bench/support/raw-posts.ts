import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Agent, request } from 'undici';

/** How the raw POSTs go: `inFlight` at a time (1: each waits for the last answer), `passes` times over. */
export interface RawPostPlan {
  readonly url: string;
  readonly bodies: readonly string[];
  readonly inFlight: number;
  readonly passes: number;
  /** prefix of each POST's webhook-id (the receiver keeps bodies by it) */
  readonly label: string;
}

/** POSTs sent before the timed passes (a fresh process's first ones ran at half speed or less) */
const WARM_UP = 1000;

/**
 * The raw POSTs: undici `request` of each body to the receiver, `inFlight` at a time over an Agent
 * of as many connections (keep-alive, no pipelining: undici's defaults, as the service's sender),
 * each answer's body read to its end. Returns each pass's POSTs per second.
 */
export async function postBodies(plan: RawPostPlan): Promise<number[]> {
  const agent = new Agent({ connections: Math.max(1, plan.inFlight) });
  const post = async (bodies: readonly string[], tag: string) => {
    let next = 0;
    await Promise.all(Array.from({ length: plan.inFlight }, async () => {
      while (next < bodies.length) {
        const i = next++;
        const response = await request(plan.url, { method: 'POST', dispatcher: agent, body: bodies[i]!,
          headers: { 'content-type': 'application/json', 'webhook-id': `${plan.label}_${tag}_${i}` } });
        await response.body.dump();
      }
    }));
  };
  const rates: number[] = [];
  try {
    // untimed first: the connections open and the code is compiled, as in a service already sending
    await post(plan.bodies.slice(0, WARM_UP), 'warm');
    for (let pass = 0; pass < plan.passes; pass++) {
      const started = performance.now();
      await post(plan.bodies, String(pass));
      rates.push(plan.bodies.length / ((performance.now() - started) / 1000));
    }
  } finally {
    await agent.close();
  }
  return rates;
}

/**
 * The same POSTs from a process of their own, as the service sends from its own: a POST and its
 * answer then cross between two processes as every delivery does (each waits for the other to be
 * scheduled). From the receiver's own process, one event loop runs both ends with no wake-up between
 * them: 2.5-3x the rate one at a time on this machine, a limit no sender in another process can reach.
 */
export async function postBodiesFromAnotherProcess(plan: RawPostPlan, workDir: string): Promise<number[]> {
  const planFile = path.join(workDir, `raw-posts-${plan.label}.json`);
  writeFileSync(planFile, JSON.stringify(plan));
  let output = '';
  const child = spawn(process.execPath, [import.meta.filename, planFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the raw POST process exited with ${String(code)}`);
  return JSON.parse(output) as number[];
}

// run as a child: the plan's file in, each pass's rate out (JSON on stdout)
if (process.argv[1] === import.meta.filename && process.argv[2]) {
  const plan = JSON.parse(readFileSync(process.argv[2], 'utf8')) as RawPostPlan;
  process.stdout.write(JSON.stringify(await postBodies(plan)));
}

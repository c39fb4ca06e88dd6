import { execFile } from 'node:child_process';

/** One curl example of the README, as a reader would paste it. */
export interface ReadmeExample {
  /** the command, continuation lines joined, with its trailing comment */
  readonly command: string;
  /** the heading of the section it is in */
  readonly section: string;
  /** the status the README says it answers (`# -> 201 ...`); null: any 2xx */
  readonly status: number | null;
}

/** What a shell gave for an example: the HTTP status curl saw last, what it printed, its exit code. */
export interface ExampleRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number | null;
}

/**
 * Whether a command's text leaves a quoted string open (its body goes on on the next line), read
 * as the shell reads quotes: a `#` after a space outside quotes starts a comment ("endpoint's").
 */
function openQuote(text: string): boolean {
  let quote: string | null = null;
  for (const line of text.split('\n')) {
    for (let index = 0; index < line.length; index++) {
      const char = line[index];
      if (quote !== null) {
        if (char === quote) quote = null;
        else if (char === '\\' && quote === '"') index++;
      } else if (char === '#' && (index === 0 || /\s/.test(line[index - 1] as string))) {
        break;
      } else if (char === "'" || char === '"') {
        quote = char;
      } else if (char === '\\') {
        index++;
      }
    }
  }
  return quote !== null;
}

/**
 * The curl commands of the README's "Using the API" section and its subsections (everything up to
 * the next level-2 heading), in order: the lines of its ```bash blocks that start with `curl`, with
 * the lines they continue on (after a `\`, or inside a quoted body), as written. A `# -> 201` comment on the line after a command gives its status.
 */
export function readmeExamples(readme: string, heading = '## Using the API'): ReadmeExample[] {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no "${heading}" section`);
  const end = readme.indexOf('\n## ', start + heading.length + 2);
  const lines = readme.slice(start, end < 0 ? undefined : end).split('\n');
  const examples: ReadmeExample[] = [];
  let section = heading.replace(/^#+ /, '');
  let inBash = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    if (!inBash && /^#{2,4} /.test(line)) section = line.replace(/^#+ /, '');
    if (line.startsWith('```')) {
      inBash = !inBash && line.trim() === '```bash';
      continue;
    }
    if (!inBash || !line.startsWith('curl ')) continue;
    let command = line;
    while ((command.endsWith('\\') || openQuote(command)) && index + 1 < lines.length) command = `${command}\n${lines[++index] as string}`;
    const next = lines[index + 1] ?? '';
    const stated = /^#\s*->\s*(\d{3})\b/.exec(next.trim());
    examples.push({ command, section, status: stated ? Number(stated[1]) : null });
  }
  return examples;
}

/**
 * Runs an example in bash exactly as written, with `B` set to the server and `curl` quiet about
 * progress; the HTTP status of its last response goes to stderr (`%{stderr}`), so what the
 * command prints (a body, headers, or what `jq` makes of it) is untouched.
 */
export async function runExample(
  command: string, baseUrl: string, placeholders: Readonly<Record<string, string>> = {}, cwd?: string,
): Promise<ExampleRun> {
  let text = command;
  for (const [name, value] of Object.entries(placeholders)) text = text.split(`<${name}>`).join(value);
  const script = [
    'set -o pipefail',
    `curl() { command curl -sS -w '%{stderr}HTTP-STATUS %{http_code}\\n' "$@"; }`,
    text,
  ].join('\n');
  // asynchronous: the server may run in this process (test/support/app-harness.ts)
  const result = await new Promise<{ stdout: string; stderr: string; exitCode: number | null }>((resolve) => {
    execFile('bash', ['-c', script], { env: { ...process.env, B: baseUrl }, encoding: 'utf8', timeout: 30_000, cwd }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? null : 0;
      resolve({ stdout, stderr, exitCode: code });
    });
  });
  const statuses = [...result.stderr.matchAll(/HTTP-STATUS (\d{3})/g)].map((match) => Number(match[1]));
  return { status: statuses.at(-1) ?? null, stdout: result.stdout, stderr: result.stderr.replace(/HTTP-STATUS \d{3}\n?/g, ''), exitCode: result.exitCode };
}

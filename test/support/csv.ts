import { spawn } from 'node:child_process';

/**
 * Reads CSV text with Python's csv module (a parser that is not ours: the npm `csv-parse` is not
 * installed here), strictly: a malformed field is an error. Asynchronous, as the server under test
 * may run in this process. Returns the records, header first.
 */
export function parseCsv(text: string): Promise<string[][]> {
  const program = [
    'import csv, io, json, sys',
    "data = sys.stdin.buffer.read().decode('utf-8', 'strict')",
    "print(json.dumps(list(csv.reader(io.StringIO(data, newline=''), strict=True))))",
  ].join('\n');
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', program], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout) as string[][]) : reject(new Error(`csv: ${stderr}`))));
    child.stdin.end(Buffer.from(text, 'utf8'));
  });
}

/** The records as objects by the header row's names. */
export async function csvObjects(text: string): Promise<{ header: string[]; rows: Array<Record<string, string>> }> {
  const [header = [], ...records] = await parseCsv(text);
  return { header, rows: records.map((record) => Object.fromEntries(header.map((name, index) => [name, record[index] ?? '']))) };
}

import type { BenchResults } from '../summary.js';
import { tableOf } from '../summary.js';
import { fmt } from './report.js';

/** A cell of a Markdown table: pipes escaped, no line breaks. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const markdownTable = (header: readonly string[], rows: readonly (readonly string[])[]): string =>
  [header, header.map(() => '---'), ...rows].map((row) => `| ${row.map(cell).join(' | ')} |`).join('\n');

/**
 * One run's figures as Markdown, exactly as the bench printed them: the run (events, date, machine),
 * the targets with their verdicts, then every row of the table.
 */
export function markdownOf(r: BenchResults): string {
  const m = r.machine;
  const events = r.corpus ? `${fmt(r.corpus.events)} events` : `--events ${fmt(Number(r.options.events))}`;
  const only = Array.isArray(r.options.only) ? ` (sections: ${(r.options.only as string[]).join(', ')})` : '';
  const lines = [
    `One run of \`npm run bench -- --events ${String(r.options.events)}\`${only}: ${events}, ${m.date.slice(0, 16).replace('T', ' ')} UTC, `
      + `${m.cpus} × ${m.cpuModel.trim()}, ${fmt(m.memoryGiB, 1)} GiB, Node ${m.node}.`,
    '',
    markdownTable(['target', 'goal', 'measured', 'verdict'],
      (r.targets ?? []).map((t) => [t.name, t.target, t.value === null ? '-' : fmt(t.value, 3), t.verdict === 'PASS' || t.verdict === 'GAP' ? `**${t.verdict}**` : t.verdict])),
    '',
    markdownTable(['section', 'figure', 'measured', 'limit (same work, raw)', 'ratio'],
      tableOf(r).map((row) => [row.section, row.figure, row.value, row.limit ?? '', row.ratio === undefined ? '' : fmt(row.ratio, 3)])),
  ];
  return `${lines.join('\n')}\n`;
}

export const README_START = '<!-- bench-table:start (npm run bench:readme writes this from bench/results/latest.json) -->';
export const README_END = '<!-- bench-table:end -->';

/** The README with the text between its two markers replaced by `markdown`; throws when a marker is missing. */
export function withTable(readme: string, markdown: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start === -1 || end === -1 || end < start) throw new Error(`the README needs the two markers:\n${README_START}\n${README_END}`);
  return `${readme.slice(0, start + README_START.length)}\n${markdown}${readme.slice(end)}`;
}

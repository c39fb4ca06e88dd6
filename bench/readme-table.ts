/**
 * npm run bench:readme [-- --results bench/results/latest.json --readme README.md]
 * Writes one bench run's table (the figures of latest.json, as the bench printed them) into the
 * README's "## Performance" section, between its two markers: the README shows exactly a run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import type { BenchResults } from './summary.js';
import { markdownOf, withTable } from './support/markdown.js';

const options = new Command('bench:readme')
  .description("writes a bench run's table into the README between its bench-table markers")
  .option('--results <file>', 'results JSON of a bench run', 'bench/results/latest.json')
  .option('--readme <file>', 'the README to update', 'README.md')
  .option('--print', 'print the Markdown instead of writing the README', false)
  .parse()
  .opts<{ results: string; readme: string; print: boolean }>();

const markdown = markdownOf(JSON.parse(readFileSync(options.results, 'utf8')) as BenchResults);
if (options.print) process.stdout.write(markdown);
else {
  writeFileSync(options.readme, withTable(readFileSync(options.readme, 'utf8'), markdown));
  process.stderr.write(`${options.readme}: the table of ${options.results}\n`);
}

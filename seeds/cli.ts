import { Command, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { openEventStore } from '../libs/event-store/src/index.js';
import { documentSeeds } from './documents/index.js';
import { researchSeeds } from './research/index.js';
import { loadSeeds } from './load-seeds.js';

const program = new Command('seed')
  .description('Record the seed notices (idempotent: running it twice records nothing new)')
  .addOption(new Option('--only <set>', 'which seeds').choices(['documents', 'research']))
  .parse();
const { only } = program.opts<{ only?: 'documents' | 'research' }>();

const config = loadConfig();
const store = await openEventStore({ eventStoreConnectionString: config.eventStoreConnectionString, sqlitePath: config.sqlitePath });
const seeds = only === 'documents' ? documentSeeds : only === 'research' ? researchSeeds : [...documentSeeds, ...researchSeeds];
const bar = new SingleBar({ format: 'seeding [{bar}] {value}/{total} notices', hideCursor: true }, Presets.shades_classic);
bar.start(seeds.length, 0);
try {
  const report = await loadSeeds(store, seeds, (done) => bar.update(done));
  bar.stop();
  console.log(`${report.notices} seed notices: ${report.recorded} recorded now (${report.events} events), ${report.notices - report.recorded} already in the log.`);
  console.log(`Store: ${config.eventStoreConnectionString ? 'EventStoreDB' : config.sqlitePath}`);
} finally {
  bar.stop();
  await store.close();
}

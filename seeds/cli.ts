import { Command, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../libs/config/src/index.js';
import { openEventStore } from '../libs/event-store/src/index.js';
import { allSeeds, documentSeeds, loadSeeds, researchSeeds, seedCorroborations } from './index.js';

const program = new Command('seed')
  .description('Record the seed notices (idempotent: running it twice records nothing new)')
  .addOption(new Option('--only <set>', 'which seeds').choices(['documents', 'research']))
  .parse();
const { only } = program.opts<{ only?: 'documents' | 'research' }>();

const config = loadConfig();
const store = await openEventStore({ eventStoreConnectionString: config.eventStoreConnectionString, sqlitePath: config.sqlitePath });
const seeds = only === 'documents' ? documentSeeds : only === 'research' ? researchSeeds : allSeeds;
// a corroboration needs both its fact's seed and its own source: only with every seed
const corroborations = only === undefined ? seedCorroborations : [];
const bar = new SingleBar({ format: 'seeding [{bar}] {value}/{total} notices', hideCursor: true }, Presets.shades_classic);
bar.start(seeds.length + corroborations.length, 0);
try {
  const report = await loadSeeds(store, seeds, (done) => bar.update(done), corroborations);
  bar.stop();
  console.log(`${report.documents} source documents registered now (docs/provenance.md).`);
  console.log(`${report.notices} seed notices: ${report.recorded} recorded now, ${report.notices - report.recorded} already in the log; ` +
    `${report.amended} corrections, retractions and corroborations appended (${report.events} events).`);
  console.log(`Store: ${config.eventStoreConnectionString ? 'EventStoreDB' : config.sqlitePath}`);
} finally {
  bar.stop();
  await store.close();
}

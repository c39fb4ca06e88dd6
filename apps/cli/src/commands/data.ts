import { Option, type Command } from 'commander';
import { withDataDir, type DataDirOptions } from '../options.js';

// The commands on a data dir or an export. Their work (the stores, the audit, the seeds) is loaded
// only when one runs, so that --help and the service commands start at once.

export function registerData(program: Command): void {
  withDataDir(program.command('export')
    .description('write the whole event log of a data dir, one event per line with its hashes (streamed)')
    .option('-o, --out <file>', 'write to this file (default: stdout)')
    .addOption(new Option('-f, --format <format>', 'ndjson (verify and replay read it) or csv (default: by the --out extension)').choices(['ndjson', 'csv']))
    .addHelpText('after', '\nExamples:\n  regtl export --out events.ndjson\n  regtl export --format csv > events.csv'))
    .action(async (options: { out?: string; format?: 'ndjson' | 'csv'; dataDir?: string }) => (await import('../actions/audit.js')).exportLog(options));

  withDataDir(program.command('verify')
    .description('recompute every hash and check the chains of a data dir, an NDJSON export or a running service; optionally prove a saved digest')
    .argument('[source]', 'a data dir, an export file or a service URL (default: the data dir)')
    .option('--file <export>', 'an NDJSON export (regtl export, GET /v1/events.ndjson)')
    .option('--digest <digest>', 'a digest saved from GET /v1/audit/digest: its JSON, or a file holding it')
    .addHelpText('after', '\nExit codes: 0 the chain (and digest) hold; 1 broken or changed; 2 could not run.\n'
      + 'Examples:\n  regtl verify ./data\n  regtl verify events.ndjson --digest digest.json\n  regtl verify http://localhost:3000 --api-key $AUDITOR_KEY'))
    .option('-u, --url <url>', 'a running service: GET /v1/audit/verify and /v1/audit/digest')
    .option('-k, --api-key <key>', 'an auditor\'s bearer key for --url (default: $REGTL_API_KEY)', process.env.REGTL_API_KEY || undefined)
    .action(async (given: string | undefined, options: { file?: string; url?: string; dataDir?: string; digest?: string; apiKey?: string }) =>
      (await import('../actions/audit.js')).verify(given, options));

  program.command('replay')
    .description('answer a point-in-time question from an NDJSON export alone (the domain\'s fold, no database), '
      + 'as the log stood at the export\'s last event; with --compare, ask a running service the same pinned question')
    .argument('[export]', 'NDJSON export (regtl export, GET /v1/events.ndjson)')
    .option('--file <export>', 'the export (as the argument)')
    .requiredOption('-a, --as-of <date>', 'effective time: YYYY, YYYY-MM, YYYY-MM-DD or an ISO timestamp')
    .option('-j, --jurisdiction <code>', 'a jurisdiction (default: the national state)')
    .option('--known-at <date>', 'only facts published by then')
    .option('--recorded-at <date>', 'position:N (at most the export\'s last) or an instant; default position:<the export\'s last>')
    .option('--compare <url>', 'a running service to compare with, e.g. http://localhost:3000')
    .option('-k, --api-key <key>', 'bearer key for --compare (default: $REGTL_API_KEY)', process.env.REGTL_API_KEY || undefined)
    .addHelpText('after', '\nExit codes: 0 answered (and the service agrees); 1 the service answers differently; 2 could not run.\n'
      + 'Example:\n  regtl replay events.ndjson --as-of 2020-06-30 -j CN-NX --compare http://localhost:3000')
    .action(async (given: string | undefined, options: { asOf: string }) => (await import('../actions/replay.js')).replay(given, options));

  withDataDir(program.command('rebuild')
    .description('empty the read models and build them again from the whole log, with a progress bar '
      + '(refused while a server runs on the data dir)')
    .option('--force', 'rebuild even while a server runs on the data dir (its answers are wrong until it is done)')
    .option('-y, --yes', 'do not ask for confirmation on a terminal')
    .addHelpText('after', '\nThe webhook queue\'s checkpoint stays where it is: nothing is delivered twice.\n'
      + 'Servers on the data dir are seen by their locks under DATA_DIR/.servers; with DATABASE_URL the read models\n'
      + 'are shared by other machines, which this check cannot see.\nExample:\n  regtl rebuild --data-dir ./data'))
    .action(async (options: DataDirOptions & { force?: boolean; yes?: boolean }) => (await import('../actions/stores.js')).rebuild(options));

  withDataDir(program.command('seed')
    .description('record the seed notices in the log (idempotent: running it twice records nothing new); creates the data dir if needed')
    .addOption(new Option('--only <set>', 'which seeds').choices(['documents', 'research']))
    .addHelpText('after', '\nExample:\n  regtl seed --data-dir ./data'))
    .action(async (options: DataDirOptions & { only?: 'documents' | 'research' }) => (await import('../actions/stores.js')).seed(options));
}

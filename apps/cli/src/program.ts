import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { CliFailure, EXIT, type ExitCode } from './failure.js';
import { registerAnswers } from './commands/answers.js';
import { registerData } from './commands/data.js';
import { registerSubscriptions } from './commands/subscriptions.js';

/** The package's version (dist/apps/cli/src -> the package root). */
const VERSION = (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The `regtl` program: one command per task, each with --help (which does nothing else). */
export function regtlProgram(): Command {
  const program = new Command('regtl')
    .description('Regulatory Timeline: ask a running service, and export, verify, replay, rebuild or seed a data dir.\n'
      + 'Exit codes: 0 ok, 1 a check failed (broken chain, differences), 2 usage or environment error.')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerAnswers(program);
  registerData(program);
  registerSubscriptions(program);
  return program;
}

/**
 * Runs regtl on argv (node, script, ...args): the exit code. An action that finds a check failed
 * (a broken chain, differences) throws a CliFailure with exit code 1 after printing its report;
 * failures are one line on stderr.
 */
export async function runRegtl(argv: readonly string[]): Promise<ExitCode> {
  const program = regtlProgram();
  try {
    await program.parseAsync([...argv]);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; a usage error (unknown option, missing argument) has been said by commander
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliFailure) {
      process.stderr.write(`regtl: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`regtl: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  }
}

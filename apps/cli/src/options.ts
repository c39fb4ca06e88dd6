import type { Command } from 'commander';

/** `--data-dir`, as the server's DATA_DIR (default ./data). */
export const withDataDir = (command: Command): Command =>
  command.option('-d, --data-dir <dir>', 'the server\'s data directory (default: $DATA_DIR or ./data)');

export interface DataDirOptions {
  readonly dataDir?: string;
}

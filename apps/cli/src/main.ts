#!/usr/bin/env node
import { runRegtl } from './program.js';

// `regtl export | head`: a reader that stops early is not an error
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** `regtl` (package.json bin; `npx regtl --help`): runs from dist, nothing is built when it runs. */
process.exitCode = await runRegtl(process.argv);

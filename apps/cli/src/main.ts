#!/usr/bin/env node
import { runRegtl } from './program.js';

/** `regtl` (package.json bin; `npx regtl --help`): runs from dist, nothing is built when it runs. */
process.exitCode = await runRegtl(process.argv);

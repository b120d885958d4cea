#!/usr/bin/env node
/** The `canonjs` executable (package.json `bin`). */
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2));

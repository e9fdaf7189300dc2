#!/usr/bin/env node
// Thin launcher: the CLI is dist/totem-mon.js, one bundled file (built by `npm run build`, which
// `npm ci` runs via `prepare`; scripts/bundle.mjs).
import { setFlagsFromString } from 'node:v8';

// Compiling thousands of rules allocates many short-lived objects; a larger young generation
// spends far less time in garbage collection (measured in `npm run bench`).
setFlagsFromString('--max-semi-space-size=32');

const { main } = await import('../dist/totem-mon.js');
process.exitCode = await main(process.argv);

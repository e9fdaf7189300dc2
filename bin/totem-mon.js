#!/usr/bin/env node
// Thin launcher: the CLI is dist/totem-mon.cjs, one bundled file (built by `npm run build`, which
// `npm ci` runs via `prepare`; scripts/bundle.mjs), run from its code cache (./run-bundle.js).
import { runBundle } from './run-bundle.js';

process.exitCode = await runBundle(process.argv);

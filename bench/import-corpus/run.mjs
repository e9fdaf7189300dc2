#!/usr/bin/env node
// `npm run import-corpus [-- --list]`: see bench/import-corpus/import-corpus.ts. Runs from src/ like scripts/dev.mjs.
import { register } from 'node:module';

register('../../scripts/ts-hooks.mjs', import.meta.url);
const { main } = await import('./import-corpus.ts');
process.exitCode = await main(process.argv.slice(2));

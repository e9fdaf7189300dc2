#!/usr/bin/env node
// `npm run lint-corpus [-- --list]`: see bench/corpus/lint-corpus.ts. Runs from src/ like scripts/dev.mjs.
import { register } from 'node:module';

register('../../scripts/ts-hooks.mjs', import.meta.url);
const { main } = await import('./lint-corpus.ts');
process.exitCode = main(process.argv.slice(2));

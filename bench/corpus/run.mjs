#!/usr/bin/env node
// `npm run lint-corpus [-- --list]`: see bench/corpus/lint-corpus.ts.
import { createJiti } from 'jiti';

const jiti = createJiti(import.meta.url);
const { main } = await jiti.import('./lint-corpus.ts');
process.exitCode = main(process.argv.slice(2));

#!/usr/bin/env node
// Runs the CLI straight from src/ (no build), for working on totem-mon itself:
//   node scripts/dev.mjs validate --definitions test/fixtures/validate/unknown-metric
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);

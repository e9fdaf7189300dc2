#!/usr/bin/env node
// Runs the CLI straight from src/ (no build), for working on totem-mon itself:
//   node scripts/dev.mjs validate --definitions test/fixtures/validate/unknown-metric
import { createJiti } from 'jiti';

const jiti = createJiti(import.meta.url);
const { main } = await jiti.import('../src/cli/main.ts');
process.exitCode = await main(process.argv);

#!/usr/bin/env node
// `npm run import-corpus:alertmanager`: the Alertmanager import's round trip on public configurations
// (bench/import/alertmanager-corpus.ts, sources in bench/import/SOURCES.md). Runs from src/ like scripts/dev.mjs.
import { register } from 'node:module';

register('../../scripts/ts-hooks.mjs', import.meta.url);
const { alertmanagerCorpus, alertmanagerInputs, corpusTable } = await import('./alertmanager-corpus.ts');
const inputs = alertmanagerInputs();
if (inputs.length === 0) {
  console.error('no local copy of the repositories: see bench/import/SOURCES.md');
  process.exitCode = 2;
} else {
  const rows = await alertmanagerCorpus(inputs);
  console.log(corpusTable(rows, process.argv.includes('--list')));
}

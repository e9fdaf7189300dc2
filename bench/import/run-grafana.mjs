#!/usr/bin/env node
// `npm run import-corpus:grafana [-- --list]`: the dashboard import's round trip on kube-prometheus's dashboards
// (bench/import/dashboards-corpus.ts, sources in bench/import/SOURCES.md). Runs from src/ like scripts/dev.mjs.
import { register } from 'node:module';

register('../../scripts/ts-hooks.mjs', import.meta.url);
const { dashboardInputs, dashboardsTable, roundTripDashboard } = await import('./dashboards-corpus.ts');
const inputs = dashboardInputs();
if (inputs.length === 0) {
  console.error('no local copy of kube-prometheus: see bench/import/SOURCES.md');
  process.exitCode = 2;
} else {
  console.log(dashboardsTable(inputs.map(roundTripDashboard), process.argv.includes('--list')));
}

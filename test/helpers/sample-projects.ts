/**
 * Definitions folders that together use every kind of definition: Totem, fixtures of Grafana,
 * SLOs and health checks, and a synthetic project (bench/synth.mjs). For tests that prove a
 * faster path gives what the old one gave, on more than one project.
 */
import path from 'node:path';
import { FIXTURES, REPO, tempDir } from './cli.js';
// @ts-expect-error: the benchmark's definitions generator is plain JavaScript, without types
import { synthesize } from '../../bench/synth.mjs';

/** [name, a function giving the folder]: the synthetic project is written on demand, to a temp folder. */
export const SAMPLE_PROJECTS: Array<[string, () => string]> = [
  ['Totem', () => path.join(REPO, 'definitions')],
  ['the good fixture', () => path.join(FIXTURES, 'good')],
  ['the Grafana fixture', () => path.join(FIXTURES, 'grafana/red')],
  ['the SLO fixture', () => path.join(FIXTURES, 'slo/basic')],
  ['the health fixture', () => path.join(FIXTURES, 'health/basic')],
  ['a synthetic project', () => synthesize(path.join(tempDir(), 'synth'), { alerts: 80, groups: 4, dashboards: 3, panels: 12, metrics: 20, receivers: 4 }) as string],
];

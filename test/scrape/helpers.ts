import { parse, stringify } from 'yaml';
import { defineProject, gauge, type ScrapeJob } from '../../src/index.js';
import { generated } from '../helpers/model.js';

export const up = gauge({ name: 'up', help: 'Target reachable', exporter: 'prometheus' });

/** A project with these scrape jobs (and nothing else). */
export function scrapeProject(jobs: readonly ScrapeJob[]) {
  return defineProject({ name: 'scrape', metrics: [up], prometheus: { scrapeJobs: jobs } });
}

/** The generated prometheus.yml of a project with these jobs. */
export function prometheusYml(jobs: readonly ScrapeJob[]): string {
  return generated(scrapeProject(jobs)).files['prometheus/prometheus.yml']!;
}

/** The `scrape_configs` entry generated for each job, as YAML text. */
export function scrapeConfigYaml(job: ScrapeJob): string {
  const config = parse(prometheusYml([job])) as { scrape_configs: unknown[] };
  return stringify(config.scrape_configs[0]);
}

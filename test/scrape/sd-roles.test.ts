// #17: every service discovery a scrape job can use, input → the scrape_configs entry Prometheus reads.
import { describe, expect, it } from 'vitest';
import { scrapeConfigYaml } from './helpers.js';
import { sdCases } from './sd-cases.js';

describe('scrape jobs: each service discovery → its scrape_configs entry', () => {
  for (const c of sdCases) {
    it(c.role, () => {
      expect(scrapeConfigYaml(c.job)).toBe(c.yaml);
    });
  }
});

import { describe, expect, it } from 'vitest';
import { scrapeJob } from '../../../src/index.js';
import { expectFindings, findings, jobs, shop } from './shop.js';

const ID = 'scrape/duplicate-series';

describe(ID, () => {
  it('fires on a static instance label on a job with several targets', () => {
    const job = scrapeJob({ name: 'shop', targets: ['shop-1:8000', 'shop-2:8000'], labels: { instance: 'shop' } });
    expectFindings(findings(ID, shop({ scrapeJobs: [job] })), [
      {
        severity: 'error',
        message: 'targets shop-1:8000 and shop-2:8000 of scrape job "shop" get the same labels {instance="shop", job="shop"}: both write every series under one identity, so their samples collide',
        hint: "remove the static instance label (Prometheus sets instance to each target's address), or give each target its own job",
        path: ['prometheus', 'scrapeJobs', 'shop', 'labels', 'instance'],
        at: job,
      },
    ]);
  });

  it('fires on a static job label that makes a second job write the first one\'s series', () => {
    const canary = scrapeJob({ name: 'shop-canary', targets: ['shop-1:8000'], labels: { job: 'shop' } });
    expectFindings(findings(ID, shop({ scrapeJobs: [jobs.shop, canary] })), [
      {
        severity: 'error',
        message: 'target shop-1:8000 of scrape job "shop" and target shop-1:8000 of scrape job "shop-canary" get the same labels {instance="shop-1:8000", job="shop"}: both write every series under one identity, so their samples collide',
        hint: 'remove the static job label, or give the jobs different job labels',
        path: ['prometheus', 'scrapeJobs', 'shop-canary', 'labels', 'job'],
        at: canary,
      },
    ]);
  });

  it('fires on two jobs that share a job label and an instance label, and on a job named like another\'s job label', () => {
    const a = scrapeJob({ name: 'edge-a', targets: ['edge-a:8000'], labels: { job: 'edge', instance: 'edge' } });
    const b = scrapeJob({ name: 'edge-b', targets: ['edge-b:8000'], labels: { job: 'edge', instance: 'edge' } });
    const renamed = scrapeJob({ name: 'old', targets: ['worker:9000'], labels: { job: 'worker' } });
    const found = findings(ID, shop({ scrapeJobs: [a, b, renamed, jobs.worker] }));
    expectFindings(found, [
      {
        severity: 'error',
        message: 'target edge-a:8000 of scrape job "edge-a" and target edge-b:8000 of scrape job "edge-b" get the same labels {instance="edge", job="edge"}: both write every series under one identity, so their samples collide',
        hint: "remove the static instance label (Prometheus sets instance to each target's address), or give each target its own job",
        path: ['prometheus', 'scrapeJobs', 'edge-b', 'labels', 'instance'],
        at: b,
      },
      {
        severity: 'error',
        message: 'target worker:9000 of scrape job "old" and target worker:9000 of scrape job "worker" get the same labels {instance="worker:9000", job="worker"}: both write every series under one identity, so their samples collide',
        hint: 'remove the static job label, or give the jobs different job labels',
        path: ['prometheus', 'scrapeJobs', 'worker', 'targets'],
        at: jobs.worker,
      },
    ]);
  });

  it('stays quiet on distinct targets, and on one target in two jobs (different job labels)', () => {
    const twice = scrapeJob({ name: 'shop-probe', targets: ['shop-1:8000'] });
    expect(findings(ID, shop({ scrapeJobs: [...Object.values(jobs), twice] }))).toEqual([]);
  });

  it('stays quiet on a static instance label with one target, and on static labels that tell targets apart', () => {
    const single = scrapeJob({ name: 'db', targets: ['db-primary:9187'], labels: { instance: 'db' } });
    const zoneA = scrapeJob({ name: 'cache-a', targets: ['cache:6379'], labels: { job: 'cache', zone: 'a' } });
    const zoneB = scrapeJob({ name: 'cache-b', targets: ['cache:6379'], labels: { job: 'cache', zone: 'b' } });
    expect(findings(ID, shop({ scrapeJobs: [single, zoneA, zoneB] }))).toEqual([]);
  });
});

// Kubernetes names the user writes in a scrape job's discovery (its namespaces, its label selector)
// are checked by the same helper as the output profiles' namespace and labels (src/model/kubernetes-names.ts):
// the ServiceMonitor's namespaceSelector.matchNames and Prometheus's kubernetes_sd namespaces take them as written.
import { describe, expect, it } from 'vitest';
import { defineProject, files, prometheusOperator, scrapeJob, synth, type ScrapeJob } from '../../src/index.js';
import { kubernetesNameProblem, labelSelectorNames } from '../../src/model/kubernetes-names.js';
import { up } from './helpers.js';

async function diagnosticsOf(job: ScrapeJob) {
  const project = defineProject({
    name: 'scrape',
    metrics: [up],
    prometheus: { scrapeJobs: [job] },
    outputs: [files(), prometheusOperator({ namespace: 'monitoring', kubernetesJobsAs: 'ServiceMonitor' })],
  });
  return (await synth(project)).diagnostics.filter((d) => d.severity === 'error').map((d) => ({ path: d.path?.join('.'), message: d.message, hint: d.hint, line: d.source?.line }));
}

describe('Kubernetes names in scrape jobs', () => {
  it('refuses an invalid namespace in kubernetes.namespaces, at the definition, with the rule', async () => {
    const job = scrapeJob({ name: 'shop', kubernetes: { role: 'endpoints', namespaces: ['shop', 'Shop_Prod'] } });
    expect(await diagnosticsOf(job)).toEqual([
      {
        path: 'prometheus.scrapeJobs.shop.kubernetes.namespaces[1]',
        message: 'invalid Kubernetes namespace "Shop_Prod": Kubernetes names are lowercase',
        hint: 'a Kubernetes namespace is a DNS-1123 label: at most 63 lowercase letters, digits and -, starting and ending with a letter or digit, e.g. monitoring',
        line: expect.any(Number),
      },
    ]);
  });

  it('refuses a namespace too long, or starting or ending with -', async () => {
    for (const bad of ['x'.repeat(64), '-shop', 'shop-', 'shop.prod', '']) {
      const found = await diagnosticsOf(scrapeJob({ name: 'shop', kubernetes: { role: 'pod', namespaces: [bad] } }));
      expect(found.map((d) => d.path), bad).toEqual(['prometheus.scrapeJobs.shop.kubernetes.namespaces[0]']);
    }
  });

  it('refuses a label selector with an invalid key or value, and takes valid ones', async () => {
    const bad = await diagnosticsOf(scrapeJob({ name: 'shop', kubernetes: { role: 'pod', labelSelector: 'app=shop,tier in (web, -api)' } }));
    expect(bad.map((d) => [d.path, d.message])).toEqual([
      ['prometheus.scrapeJobs.shop.kubernetes.labelSelector', 'label selector "app=shop,tier in (web, -api)": invalid Kubernetes label value "-api": it has a character or an ending Kubernetes refuses'],
    ]);
    for (const ok of ['app=shop', 'app.kubernetes.io/name==shop,!canary', 'tier in (web,api),env notin (dev)', 'app!=shop,release']) {
      expect(await diagnosticsOf(scrapeJob({ name: 'shop', kubernetes: { role: 'pod', namespaces: ['shop-prod'], labelSelector: ok } })), ok).toEqual([]);
    }
  });

  it('has one helper for every kind of Kubernetes name', () => {
    expect(kubernetesNameProblem('namespace', 'monitoring')).toBeUndefined();
    expect(kubernetesNameProblem('resource name', 'shop.alerts')).toBeUndefined();
    expect(kubernetesNameProblem('namespace', 'shop.alerts')?.message).toBe('invalid Kubernetes namespace "shop.alerts": it has a character or an ending Kubernetes refuses');
    expect(kubernetesNameProblem('label or annotation key', 'example.com/team')).toBeUndefined();
    expect(kubernetesNameProblem('label or annotation key', 'Example.com/team')).toBeDefined();
    expect(kubernetesNameProblem('label value', '')).toBeUndefined();
    expect(kubernetesNameProblem('label value', 'A_b.c-1')).toBeUndefined();
    expect(kubernetesNameProblem('label value', 'a b')).toBeDefined();
    expect(labelSelectorNames('a=b,c in (d,e),!f')).toEqual([
      { kind: 'label or annotation key', name: 'a' }, { kind: 'label value', name: 'b' },
      { kind: 'label or annotation key', name: 'c' }, { kind: 'label value', name: 'd' }, { kind: 'label value', name: 'e' },
      { kind: 'label or annotation key', name: 'f' },
    ]);
  });
});

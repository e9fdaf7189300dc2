import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { whyNotServiceMonitor } from '../model/service-monitor.js';

/**
 * With `prometheusOperator({ kubernetesJobsAs: 'ServiceMonitor' })`, a job discovering Kubernetes
 * targets that a ServiceMonitor cannot say stays a ScrapeConfig: the user asked for
 * ServiceMonitors, so each such job says why (the same reason as in the ScrapeConfig's header).
 */
export const outputNotServiceMonitor: Check = {
  id: 'output/not-service-monitor',
  severity: 'info',
  description: "With kubernetesJobsAs: 'ServiceMonitor', a Kubernetes scrape job that stays a ScrapeConfig says why.",
  run({ model }, report) {
    const operator = model.outputs.find((o) => o.profile === 'prometheus-operator');
    if (!operator || operator.kubernetesJobsAs !== 'ServiceMonitor') return;
    for (const job of model.prometheus.scrapeJobs) {
      if (!job.kubernetes || job.probe) continue;
      const reason = whyNotServiceMonitor(job);
      if (reason === undefined) continue;
      report({
        message: `scrape job ${job.job} is written as a ScrapeConfig, not a ServiceMonitor: ${reason}`,
        hint: "a ScrapeConfig selects the same targets; to get a ServiceMonitor, discover role 'endpoints' and select services with leading keeps on __meta_kubernetes_service_label_<name> (README, Output profiles)",
        ...locatedAt(job, 'kubernetes'),
      });
    }
  },
};

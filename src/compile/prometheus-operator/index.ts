import type { Model } from '../../model/types.js';
import type { PrometheusOperatorOutputModel } from '../../model/outputs.js';
import type { OutputFile } from '../output.js';
import { kustomization } from '../kubernetes/kustomization.js';
import { compilePrometheusRules } from './rules.js';
import { compileAlertmanagerSecret } from './alertmanager.js';
import { compileProbes, compileScrapeConfigs } from './scrape.js';

/** The profile's folder in out/. */
export const PROMETHEUS_OPERATOR_DIR = 'prometheus-operator';

/** The Prometheus Operator profile: its resources under out/prometheus-operator/ and their kustomization.yaml. */
export function compilePrometheusOperator(model: Model, output: PrometheusOperatorOutputModel): OutputFile[] {
  const resources = [
    ...compilePrometheusRules(model, output, PROMETHEUS_OPERATOR_DIR),
    ...compileScrapeConfigs(model, output, PROMETHEUS_OPERATOR_DIR),
    ...compileProbes(model, output, PROMETHEUS_OPERATOR_DIR),
    ...(model.alertmanager ? [compileAlertmanagerSecret(model, model.alertmanager, output, PROMETHEUS_OPERATOR_DIR)] : []),
  ];
  return [...resources, kustomization(PROMETHEUS_OPERATOR_DIR, resources, model.entry)];
}
